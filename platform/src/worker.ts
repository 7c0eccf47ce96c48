// Node entry of `npm run worker`: relays the outbox to BullMQ and runs job handlers until
// SIGTERM/SIGINT. Without REDIS_URL there is nothing to run here: the server runs jobs in-process.
import { openDatabase } from "./db/open.ts";
import { loadEnv } from "./env.ts";
import { createMailer } from "./integrations/email/mailer.ts";
import { createRelay } from "./jobs/relay.ts";
import { startScheduler } from "./jobs/scheduler.ts";
import { createBullmqTransport } from "./jobs/transports/bullmq.ts";
import { createJobWorker } from "./jobs/worker.ts";
import { createLogger } from "./logger.ts";
import { configurePlans } from "./services/billing/plans.ts";

function refuse(message: string): never {
  process.stderr.write(`mallwright worker: ${message}\n`);
  process.exit(1);
}

const env = loadEnv();
if (!env.REDIS_URL) refuse("REDIS_URL is not set; without Redis the server runs jobs in-process, no worker needed.");
// The embedded database belongs to the server process: a second process cannot open it.
if (!env.DATABASE_URL) refuse("DATABASE_URL is not set; the worker needs the same PostgreSQL as the server.");
const redisUrl = env.REDIS_URL;
const log = createLogger(env.LOG_LEVEL);

configurePlans(env);
const database = await openDatabase(env);
await database.migrate();
const mailer = createMailer(env, log);
const transport = createBullmqTransport({ redisUrl, log });
const relay = createRelay({ admin: database.admin, transport, log, intervalMs: env.RELAY_INTERVAL_MS });
const worker = createJobWorker({ redisUrl, concurrency: env.WORKER_CONCURRENCY, db: database.db, mailer, log, env });
relay.start();
const stopScheduler = startScheduler(database.admin, env, log);
log.info({ concurrency: env.WORKER_CONCURRENCY, queue: transport.queue.name }, "worker started");

let closing = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (closing) {
    log.warn({ signal }, "second signal: exiting without waiting for running jobs");
    process.exit(1);
  }
  closing = true;
  log.info({ signal }, "worker stopping: finishing running jobs");
  try {
    await stopScheduler();
    await relay.stop();
    await worker.close();
    await transport.close();
    await database.close();
    log.info("worker stopped");
    process.exit(0);
  } catch (err) {
    log.error({ err }, "worker shutdown failed");
    process.exit(1);
  }
}
process.on("SIGTERM", (s) => void shutdown(s));
process.on("SIGINT", (s) => void shutdown(s));
