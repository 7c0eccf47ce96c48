// Finds (or starts) the PostgreSQL and Redis servers the test suite needs.
//
// PostgreSQL, first that works:
//   1. TEST_DATABASE_URL, if set (must connect, or we fail: an explicit choice is never overridden);
//   2. postgres@127.0.0.1:5432 with trust auth (the port can be changed with MW_LOCAL_PG_PORT);
//   3. a throwaway cluster from /usr/lib/postgresql/<highest>/bin in a temp dir on a free port,
//      stopped and deleted by stop();
//   4. otherwise an Error with a one-line message saying what to install.
// Redis, likewise: TEST_REDIS_URL; 127.0.0.1:6379 answering PING (MW_LOCAL_REDIS_PORT);
// a throwaway `redis-server` from PATH; or a one-line Error.
//
// Chromium (the e2e tests, builder/e2e), with ensureChromium(): CHROMIUM_PATH, else Debian's
// /usr/bin/chromium; when missing and running as root, `apt-get install -y chromium` (after
// `apt-get update` when needed); otherwise a one-line Error saying what to install. A CJK font
// (fonts-wqy-microhei) comes with it so that screenshots of the Chinese interface are legible.
//
// MW_LOCAL_PG_PORT / MW_LOCAL_REDIS_PORT exist to exercise the fallbacks on a machine whose
// own servers are running (point them at an unused port).
import { execFileSync, spawn } from "node:child_process";
import { accessSync, chownSync, constants, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import tls from "node:tls";
import postgres from "postgres";

/** An error whose message is one line meant for the person running the tests. */
export class ServiceError extends Error {
  name = "ServiceError";
}

/**
 * @param {{ log?: (msg: string) => void }} [options]
 * @returns {Promise<{ pgUrl: string, redisUrl: string, stop: () => Promise<void> }>}
 */
export async function ensureServices({ log = () => {} } = {}) {
  /** @type {Array<() => Promise<void>>} */
  const stoppers = [];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const s of stoppers.reverse()) {
      try {
        await s();
      } catch (err) {
        log(`cleanup failed: ${oneLine(err)}`);
      }
    }
  };
  try {
    const pg = await ensurePostgres(log);
    if (pg.stop) stoppers.push(pg.stop);
    const redis = await ensureRedis(log);
    if (redis.stop) stoppers.push(redis.stop);
    return { pgUrl: pg.url, redisUrl: redis.url, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

// ---------------------------------------------------------------- PostgreSQL

/**
 * PostgreSQL only (the benchmark needs no Redis): same order as ensureServices.
 * @param {(msg: string) => void} log
 * @returns {Promise<{ url: string, stop?: () => Promise<void> }>}
 */
export async function ensurePostgres(log) {
  const explicit = process.env.TEST_DATABASE_URL;
  if (explicit) {
    const problem = await pgProblem(explicit);
    if (problem) throw new ServiceError(`TEST_DATABASE_URL (${redact(explicit)}) is unreachable: ${problem}`);
    log(`PostgreSQL: TEST_DATABASE_URL ${redact(explicit)}`);
    return { url: explicit };
  }

  const localPort = Number(process.env.MW_LOCAL_PG_PORT || 5432);
  const local = `postgres://postgres@127.0.0.1:${localPort}/postgres`;
  if (!(await pgProblem(local))) {
    log(`PostgreSQL: local server ${local}`);
    return { url: local };
  }

  const bin = findPgBin();
  if (!bin) {
    throw new ServiceError(
      `PostgreSQL not found: set TEST_DATABASE_URL, start PostgreSQL on 127.0.0.1:${localPort}, or install it (apt-get install postgresql)`,
    );
  }
  return startThrowawayPostgres(bin, log);
}

/** Resolves to undefined when `url` accepts `select 1`, else to a one-line reason. */
async function pgProblem(url) {
  let sql;
  try {
    sql = postgres(url, { max: 1, connect_timeout: 5, idle_timeout: 1, onnotice: () => {} });
    await sql`select 1`;
    return undefined;
  } catch (err) {
    return oneLine(err);
  } finally {
    await sql?.end({ timeout: 1 }).catch(() => {});
  }
}

/** The bin dir of the highest installed PostgreSQL major version that has initdb and pg_ctl. */
function findPgBin() {
  const root = "/usr/lib/postgresql";
  let versions;
  try {
    versions = readdirSync(root);
  } catch {
    return undefined;
  }
  const found = versions
    .filter((v) => /^\d+(\.\d+)?$/.test(v))
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))
    .map((v) => join(root, v, "bin"))
    .find((dir) => existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_ctl")));
  return found;
}

async function startThrowawayPostgres(bin, log) {
  const asRoot = process.getuid?.() === 0;
  let owner;
  if (asRoot) {
    owner = userIds("postgres");
    if (!owner) {
      throw new ServiceError(
        "PostgreSQL refuses to run as root and there is no 'postgres' user: set TEST_DATABASE_URL or install the postgresql package (apt-get install postgresql)",
      );
    }
  }
  const dir = mkdtempSync(join(tmpdir(), "mw-test-pg-"));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, "data");
  const logFile = join(dir, "server.log");
  /** Runs a server binary, as the postgres user when we are root. */
  const run = (tool, args) => {
    const cmd = asRoot ? "runuser" : join(bin, tool);
    const argv = asRoot ? ["-u", "postgres", "--", join(bin, tool), ...args] : args;
    return execFileSync(cmd, argv, { stdio: "pipe", cwd: dir, encoding: "utf8" });
  };
  const cleanup = () => rmSync(dir, { recursive: true, force: true });

  try {
    run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "-N"]);
  } catch (err) {
    cleanup();
    throw new ServiceError(`initdb (${bin}) failed: ${oneLine(err.stderr || err)}`);
  }

  let port;
  let started = false;
  let lastError = "";
  for (let attempt = 0; attempt < 3 && !started; attempt++) {
    port = await freePort();
    const opts = `-p ${port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    try {
      run("pg_ctl", ["-D", data, "-l", logFile, "-o", opts, "-w", "-t", "30", "start"]);
      started = true;
    } catch (err) {
      lastError = tail(logFile) || oneLine(err.stderr || err);
    }
  }
  if (!started) {
    cleanup();
    throw new ServiceError(`could not start a throwaway PostgreSQL (${bin}): ${lastError}`);
  }

  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const stop = async () => {
    try {
      run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "-t", "30", "stop"]);
    } finally {
      cleanup();
    }
    log(`PostgreSQL: throwaway server on port ${port} stopped and removed`);
  };
  const problem = await pgProblem(url);
  if (problem) {
    await stop().catch(() => {});
    throw new ServiceError(`throwaway PostgreSQL on port ${port} started but does not answer: ${problem}`);
  }
  log(`PostgreSQL: started throwaway server ${url} (${bin}, data in ${dir})`);
  return { url, stop };
}

function userIds(name) {
  try {
    const line = readFileSync("/etc/passwd", "utf8")
      .split("\n")
      .find((l) => l.startsWith(`${name}:`));
    if (!line) return undefined;
    const [, , uid, gid] = line.split(":");
    return { uid: Number(uid), gid: Number(gid) };
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------- Redis

async function ensureRedis(log) {
  const explicit = process.env.TEST_REDIS_URL;
  if (explicit) {
    const problem = await redisProblem(explicit);
    if (problem) throw new ServiceError(`TEST_REDIS_URL (${redact(explicit)}) is unreachable: ${problem}`);
    log(`Redis: TEST_REDIS_URL ${redact(explicit)}`);
    return { url: explicit };
  }

  const localPort = Number(process.env.MW_LOCAL_REDIS_PORT || 6379);
  const local = `redis://127.0.0.1:${localPort}`;
  if (!(await redisProblem(local))) {
    log(`Redis: local server ${local}`);
    return { url: local };
  }

  const bin = onPath("redis-server");
  if (!bin) {
    throw new ServiceError(
      `Redis not found: set TEST_REDIS_URL, start Redis on 127.0.0.1:${localPort}, or install it (apt-get install redis-server)`,
    );
  }
  return startThrowawayRedis(bin, log);
}

/** Resolves to undefined when the server at `url` answers PING (after AUTH if the URL has a password). */
function redisProblem(url, timeoutMs = 3000) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return Promise.resolve("not a valid URL");
  }
  const host = u.hostname.replace(/^\[|\]$/g, "") || "127.0.0.1";
  const port = Number(u.port || 6379);
  let payload = "";
  if (u.password) {
    const user = decodeURIComponent(u.username);
    const pass = decodeURIComponent(u.password);
    payload += resp(user ? ["AUTH", user, pass] : ["AUTH", pass]);
  }
  payload += "PING\r\n";
  return new Promise((resolve) => {
    const socket =
      u.protocol === "rediss:" ? tls.connect({ host, port, servername: host }) : net.connect({ host, port });
    let buf = "";
    const done = (problem) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(problem);
    };
    const timer = setTimeout(() => done(`no answer within ${timeoutMs} ms`), timeoutMs);
    socket.once(u.protocol === "rediss:" ? "secureConnect" : "connect", () => socket.write(payload));
    socket.on("data", (chunk) => {
      buf += chunk.toString("utf8");
      const err = buf.match(/^-([^\r\n]*)\r\n/m);
      if (err) return done(`server said: ${err[1]}`);
      if (buf.includes("+PONG\r\n")) return done(undefined);
    });
    socket.on("error", (err) => done(oneLine(err)));
    socket.on("close", () => done("connection closed"));
  });
}

function resp(parts) {
  return `*${parts.length}\r\n${parts.map((p) => `$${Buffer.byteLength(p)}\r\n${p}\r\n`).join("")}`;
}

async function startThrowawayRedis(bin, log) {
  const dir = mkdtempSync(join(tmpdir(), "mw-test-redis-"));
  const pidFile = join(dir, "redis.pid");
  const logFile = join(dir, "redis.log");
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  let port;
  let lastError = "";
  for (let attempt = 0; attempt < 3; attempt++) {
    port = await freePort();
    try {
      await runProcess(bin, [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--daemonize",
        "yes",
        "--pidfile",
        pidFile,
        "--logfile",
        logFile,
        "--dir",
        dir,
      ]);
    } catch (err) {
      lastError = oneLine(err);
      continue;
    }
    const url = `redis://127.0.0.1:${port}`;
    const problem = await waitFor(() => redisProblem(url, 500), 5000);
    if (!problem) {
      const stop = async () => {
        try {
          const pid = readPid(pidFile);
          if (pid) {
            process.kill(pid, "SIGTERM");
            await waitFor(async () => (alive(pid) ? "running" : undefined), 5000);
            if (alive(pid)) process.kill(pid, "SIGKILL");
          }
        } finally {
          cleanup();
        }
        log(`Redis: throwaway server on port ${port} stopped and removed`);
      };
      log(`Redis: started throwaway server ${url} (${bin})`);
      return { url, stop };
    }
    lastError = tail(logFile) || problem;
    const pid = readPid(pidFile);
    if (pid && alive(pid)) process.kill(pid, "SIGKILL");
  }
  cleanup();
  throw new ServiceError(`could not start a throwaway Redis (${bin}): ${lastError}`);
}

function readPid(file) {
  try {
    const pid = Number(readFileSync(file, "utf8").trim());
    return pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- Chromium

export const DEFAULT_CHROMIUM = "/usr/bin/chromium";
const CJK_FONT_PACKAGE = "fonts-wqy-microhei";

/**
 * The Chromium binary the e2e tests drive, installed through apt-get when we may.
 * @param {(msg: string) => void} [log]
 * @returns {Promise<string>}
 */
export async function ensureChromium(log = () => {}) {
  const explicit = process.env.CHROMIUM_PATH;
  if (explicit) {
    if (!isExecutable(explicit)) throw new ServiceError(`CHROMIUM_PATH (${explicit}) is not an executable file`);
    log(`Chromium: CHROMIUM_PATH ${explicit}`);
    return explicit;
  }
  const packages = [];
  if (!isExecutable(DEFAULT_CHROMIUM)) packages.push("chromium");
  if (!hasCjkFont()) packages.push(CJK_FONT_PACKAGE);
  if (packages.length > 0) {
    const canInstall = process.getuid?.() === 0 && onPath("apt-get");
    if (canInstall) {
      log(`Chromium: installing ${packages.join(" ")} with apt-get`);
      try {
        await aptInstall(packages);
      } catch (err) {
        if (packages.includes("chromium")) throw new ServiceError(`apt-get install chromium failed: ${oneLine(err)}`);
        log(
          `Chromium: could not install ${CJK_FONT_PACKAGE} (${oneLine(err)}); Chinese text in screenshots shows as boxes`,
        );
      }
    } else if (packages.includes("chromium")) {
      throw new ServiceError(
        `Chromium not found at ${DEFAULT_CHROMIUM} (the e2e tests need it): install it (sudo apt-get install chromium ${CJK_FONT_PACKAGE}) or set CHROMIUM_PATH`,
      );
    } else {
      log(
        `Chromium: no CJK font (sudo apt-get install ${CJK_FONT_PACKAGE}); Chinese text in screenshots shows as boxes`,
      );
    }
  }
  if (!isExecutable(DEFAULT_CHROMIUM)) {
    throw new ServiceError(`Chromium is still missing at ${DEFAULT_CHROMIUM} after apt-get install chromium`);
  }
  log(`Chromium: ${DEFAULT_CHROMIUM}`);
  return DEFAULT_CHROMIUM;
}

/** apt-get install, after apt-get update when the package lists are missing or the first try fails. */
async function aptInstall(packages) {
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const install = () => runProcess("apt-get", ["install", "-y", "-qq", ...packages], { env });
  const update = () => runProcess("apt-get", ["update", "-qq"], { env });
  let lists = [];
  try {
    lists = readdirSync("/var/lib/apt/lists").filter((f) => f.endsWith("_Packages") || f.endsWith("_Packages.lz4"));
  } catch {}
  if (lists.length === 0) await update();
  try {
    await install();
  } catch {
    await update();
    await install();
  }
}

/** True when fontconfig knows a font covering Chinese (or there is no fontconfig to ask). */
function hasCjkFont() {
  if (!onPath("fc-list")) return true;
  try {
    return (
      execFileSync("fc-list", [":lang=zh", "family"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim()
        .length > 0
    );
  } catch {
    return true;
  }
}

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- helpers

function onPath(name) {
  for (const dir of (process.env.PATH || "").split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {}
  }
  return undefined;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = /** @type {net.AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

function runProcess(cmd, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], ...options });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      out += d;
    });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(out.trim() || `exit code ${code}`))));
  });
}

/** Polls `check` (resolving to undefined on success, else a reason) until it succeeds or time runs out. */
async function waitFor(check, ms) {
  const deadline = Date.now() + ms;
  let problem = await check();
  while (problem && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    problem = await check();
  }
  return problem;
}

function tail(file) {
  try {
    const lines = readFileSync(file, "utf8").trim().split("\n").filter(Boolean);
    return lines.slice(-1)[0] ?? "";
  } catch {
    return "";
  }
}

function oneLine(err) {
  const e = /** @type {any} */ (err);
  const msg = typeof e === "string" ? e : e?.message || e?.code || String(e);
  return msg.replace(/\s+/g, " ").trim();
}

function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable URL)";
  }
}
