// One vitest config for the whole monorepo. Run through `npm test` (scripts/test.mjs), which
// provides TEST_DATABASE_URL and TEST_REDIS_URL; the global setup builds the migrated template DB.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["schema/src/**/*.test.ts", "platform/src/**/*.test.ts", "platform/test/**/*.test.ts"],
    environment: "node",
    globalSetup: ["platform/vitest.global-setup.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ["default"],
  },
});
