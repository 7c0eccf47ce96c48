// Node entry: `npm start`. Embedded PGlite in ./.mallwright unless DATABASE_URL is set; demo
// accounts seeded in embedded mode (or with MALLWRIGHT_SEED_DEMO=true); graceful shutdown. The
// built builder (BUILDER_DIST) is served at `/` (http/builder-assets.ts); npm start builds it first.
import { existsSync } from "node:fs";
import path from "node:path";
import { serve } from "@hono/node-server";
import { createApp } from "./app.ts";
import { boot } from "./boot.ts";
import { loadEnv } from "./env.ts";
import { createLogger } from "./logger.ts";
import { seedDemo } from "./services/platform/seed-demo.ts";

async function main() {
  const env = loadEnv();
  const log = createLogger(env.LOG_LEVEL);
  const started = await boot({ env, log });
  const app = createApp(started.deps);

  const seed = env.MALLWRIGHT_SEED_DEMO ?? started.database.kind === "pglite";
  const demo = seed
    ? await seedDemo(started.database.admin, env, { db: started.database.db, env, storage: started.deps.storage })
    : undefined;

  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
    const url = env.PUBLIC_URL ?? `http://localhost:${info.port}`;
    const lines = [
      "",
      `Mallwright is running at ${url}  (database: ${started.database.kind === "pglite" ? `embedded, ${env.DATA_DIR}` : "PostgreSQL"}; jobs: ${env.REDIS_URL ? "BullMQ (run npm run worker)" : "in-process"})`,
      existsSync(path.join(env.BUILDER_DIST, "index.html"))
        ? `  Builder:         ${url}/  (sign in with a login below)`
        : `  Builder:         not built: run \`npm run build -w @mallwright/builder\` (npm start does it)`,
      `  API docs:        ${url}/docs`,
    ];
    if (demo) {
      lines.push(
        `  Platform admin:  ${demo.adminEmail}  password: ${demo.password}   (POST /platform/v1/auth/login)`,
        `  Demo store "${demo.tenantKey}" owner: ${demo.ownerEmail}  password: ${demo.password}   (POST /merchant/v1/auth/login)`,
      );
    }
    lines.push("");
    process.stdout.write(`${lines.join("\n")}\n`);
  });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await started.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((err: unknown) => {
  process.stderr.write(`Mallwright failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
