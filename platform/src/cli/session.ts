// Opens the database for one CLI command the way the server does (boot: same settings, same
// migrations, embedded PGlite in DATA_DIR unless DATABASE_URL), without running any jobs.
import { existsSync } from "node:fs";
import path from "node:path";
import { pino } from "pino";
import { boot } from "../boot.ts";
import { loadEnv } from "../env.ts";
import type { Mailer } from "../integrations/email/index.ts";
import { createLogger } from "../logger.ts";
import { CliFailure, type CliSession } from "./context.ts";

/** The CLI sends no email: provisioning writes to the outbox, which the server or worker delivers. */
const noMailer: Mailer = {
  send: async () => {
    throw new Error("the CLI does not send email; the server or worker delivers the outbox");
  },
};

function reasonOf(err: unknown): string {
  if (err instanceof Error && err.message) return err.message.split("\n")[0] ?? err.message;
  if (typeof err === "object" && err !== null && "errno" in err) return `file system error ${String(err.errno)}`;
  return String(err);
}

/** Emscripten's EEXIST, which PGlite raises when another process holds the data directory. */
const PGLITE_EEXIST = 20;

function isPgliteInUse(err: unknown): boolean {
  return (
    typeof err === "object" &&
    err !== null &&
    "name" in err &&
    err.name === "ErrnoError" &&
    "errno" in err &&
    err.errno === PGLITE_EEXIST
  );
}

/**
 * PGlite takes no lock: a second process can open a data directory that the server has open, and
 * the two would overwrite each other's pages. An open PGlite keeps postmaster.pid in the directory
 * (removed on a clean close), so its presence means the server is running or did not shut down cleanly.
 */
function refuseIfEmbeddedInUse(dir: string): void {
  if (!existsSync(path.join(dir, "postmaster.pid"))) return;
  throw new CliFailure(
    `the embedded database in ${dir} is in use: stop the server (npm start) first, or set DATABASE_URL to manage a PostgreSQL database (if no server is running, the last one did not shut down cleanly: start and stop it once)`,
  );
}

export async function openCliSession(): Promise<CliSession> {
  let env: ReturnType<typeof loadEnv>;
  try {
    env = loadEnv();
  } catch (err) {
    // "Invalid configuration:" followed by one indented line per setting, folded onto one line.
    throw new CliFailure(err instanceof Error ? err.message.replace(/\n\s*/g, " ") : String(err));
  }
  if (!env.DATABASE_URL) refuseIfEmbeddedInUse(path.resolve(env.DATA_DIR, "db"));
  const log = createLogger("warn", pino.destination({ dest: 2, sync: true }));
  try {
    // Without REDIS_URL boot attaches no queue (the CLI only writes the outbox; the worker relays it).
    const booted = await boot({ env: { ...env, REDIS_URL: undefined }, log, mailer: noMailer, inProcessJobs: false });
    return {
      admin: booted.database.admin,
      env,
      content: { db: booted.database.db, storage: booted.deps.storage },
      close: () => booted.close(),
    };
  } catch (err) {
    if (env.DATABASE_URL) throw new CliFailure(`could not open the database at DATABASE_URL: ${reasonOf(err)}`);
    const dir = path.resolve(env.DATA_DIR, "db");
    if (isPgliteInUse(err)) {
      throw new CliFailure(
        `the embedded database in ${dir} is in use by another process: stop the server (npm start) first, or set DATABASE_URL to manage a PostgreSQL database`,
      );
    }
    throw new CliFailure(
      `could not open the embedded database in ${dir} (${reasonOf(err)}); if the server (npm start) is running, stop it first, or set DATABASE_URL`,
    );
  }
}
