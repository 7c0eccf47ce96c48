// Composition root shared by the server, the CLI and tests: database (migrated), mailer, jobs
// (in-process relay without Redis; queue dashboard with it) and the app's dependencies.
import type { Hono } from "hono";
import { type OpenDatabase, openDatabase } from "./db/open.ts";
import { type StoreTenantRow, TenantCache } from "./db/tenant-cache.ts";
import type { Env } from "./env.ts";
import type { AppDeps } from "./http/context.ts";
import { createMailer, type Mailer } from "./integrations/email/index.ts";
import { createStorage } from "./integrations/storage/index.ts";
import { wechatComponentConfig, wechatPayConfig } from "./integrations/wechat/config.ts";
import { createQueueDashboard } from "./jobs/dashboard.ts";
import { createRelay, type Relay } from "./jobs/relay.ts";
import { startScheduler } from "./jobs/scheduler.ts";
import { createBullmqTransport } from "./jobs/transports/bullmq.ts";
import { createInProcessTransport } from "./jobs/transports/inprocess.ts";
import type { Logger } from "./logger.ts";
import { configurePlans } from "./services/billing/plans.ts";
import { startCacheListener } from "./services/storefront/cache-events.ts";

export interface Booted {
  database: OpenDatabase;
  deps: AppDeps;
  mailer: Mailer;
  relay?: Relay;
  close(): Promise<void>;
}

export interface BootOptions {
  env: Env;
  log: Logger;
  mailer?: Mailer;
  /** Run the outbox in this process when there is no Redis (the server does; the CLI does not). */
  inProcessJobs?: boolean;
  database?: OpenDatabase;
}

export async function boot({
  env,
  log,
  mailer: givenMailer,
  inProcessJobs = true,
  database,
}: BootOptions): Promise<Booted> {
  const storage = createStorage(env); // first: a storage misconfiguration fails before anything opens
  // WeChat settings are read (files included) and checked before anything opens, too.
  wechatPayConfig(env);
  wechatComponentConfig(env);
  configurePlans(env);
  const db = database ?? (await openDatabase(env));
  const applied = await db.migrate();
  if (applied.length > 0) log.info({ applied }, "migrations applied");
  const mailer = givenMailer ?? createMailer(env, log);

  let relay: Relay | undefined;
  const platformExtras: { path: string; app: Hono }[] = [];
  const closers: (() => Promise<void>)[] = [];
  if (env.REDIS_URL) {
    // The worker process (npm run worker) relays and runs jobs; here only the dashboard.
    const transport = createBullmqTransport({ redisUrl: env.REDIS_URL });
    platformExtras.push({ path: "/queues", app: createQueueDashboard([transport.queue], "/platform/v1/queues") });
    closers.push(() => transport.close());
  } else if (inProcessJobs) {
    relay = createRelay({
      admin: db.admin,
      transport: createInProcessTransport({ db: db.db, mailer, log, env }),
      log,
      intervalMs: env.RELAY_INTERVAL_MS,
    });
    relay.start();
    closers.push(() => relay?.stop() ?? Promise.resolve());
    closers.push(startScheduler(db.admin, env, log));
  }

  // Other processes' publishes and catalog changes drop this process's cached store pages.
  if (db.kind === "postgres") closers.push(await startCacheListener(env, log));
  const tenantCache = new TenantCache<StoreTenantRow>();
  closers.push(async () => tenantCache.close());
  const deps: AppDeps = {
    env,
    log,
    db: db.db,
    reader: db.reader,
    tenantCache,
    admin: db.admin,
    storage,
    platformExtras,
    kickOutbox: relay ? () => relay?.kick() : undefined,
    readiness: async () => {
      try {
        await db.ping();
        const s = await db.status();
        if (s.error) return { ok: false, detail: s.error };
        if (!s.current) return { ok: false, detail: `pending migrations: ${s.pending.join(", ")}` };
        return { ok: true, detail: `database ${db.kind} reachable; migrations current` };
      } catch {
        return { ok: false, detail: "database unreachable" };
      }
    },
  };
  return {
    database: db,
    deps,
    mailer,
    relay,
    close: async () => {
      for (const close of closers) await close();
      await db.close();
    },
  };
}
