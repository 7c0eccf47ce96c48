// One vitest config for the whole monorepo, in four projects. Run through `npm test`
// (scripts/test.mjs), which provides TEST_DATABASE_URL and TEST_REDIS_URL; the server project's
// global setup builds the migrated template DB.
//   server   schema + platform tests (node, real PostgreSQL and Redis)
//   builder  builder component and store tests (jsdom)
//   e2e      the builder in Debian's Chromium against a real platform (builder/e2e)
//   runtime  the mini-program: request layer and session with a fake wx, components and pages under
//            miniprogram-simulate over a fresh build (jsdom; no network, no database)
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    maxWorkers: 2,
    reporters: ["default"],
    projects: [
      {
        test: {
          name: "server",
          include: ["schema/src/**/*.test.ts", "platform/src/**/*.test.ts", "platform/test/**/*.test.ts"],
          environment: "node",
          globalSetup: ["platform/vitest.global-setup.ts"],
          pool: "forks",
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: "builder",
          include: ["builder/src/**/*.test.{ts,tsx}"],
          environment: "jsdom",
          setupFiles: ["builder/src/test-setup.ts"],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "runtime",
          include: ["runtime-miniprogram/{src,codegen,scripts,test}/**/*.test.ts"],
          environment: "jsdom",
          globalSetup: ["runtime-miniprogram/vitest.global-setup.ts"],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["builder/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["platform/vitest.global-setup.ts"],
          pool: "forks",
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
