// `npm run bench`: seeds a PostgreSQL-backed Mallwright (20 stores x 5,000 products), serves it
// and a bare Hono `{ok:true}` app from a child process on loopback, and measures both with
// autocannon side by side in one run. Prints a table; writes bench/results/<timestamp>.json.
// Options: --quick (small dataset, short runs: a smoke test), --keep (keep the database),
// --http-only (skip the designer case),
// --designer-only (only the designer case: Mallwright's designer and Puck in Chromium, bench/designer;
// otherwise it runs after the HTTP cases, into the same JSON).
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import postgres from "postgres";
import { migrate } from "../platform/src/db/migrate.ts";
import { postgresTarget } from "../platform/src/db/open.ts";
import { ensurePostgres } from "../scripts/services.mjs";
import { pgbenchHotRow, seedOrders } from "./orders.ts";
import { type CaseResult, printTable, summarize } from "./report.ts";
import { type Sample, sample, seed } from "./seed.ts";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const quick = process.argv.includes("--quick");
const keep = process.argv.includes("--keep");
const designerOnly = process.argv.includes("--designer-only");
const httpOnly = process.argv.includes("--http-only");
/** BENCH_CASES="baseline|page (cached)": only these HTTP cases (names as printed, separated by |). */
const only = process.env.BENCH_CASES?.split("|");

const DATASET = quick ? { tenants: 4, productsPerTenant: 500 } : { tenants: 20, productsPerTenant: 5_000 };
/** A positive number from the environment variable `name`, else `fallback`. */
function positiveEnv(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return n > 0 ? n : fallback;
}
/** BENCH_SECONDS=8: each case (and pgbench) measured this long instead of 10 (3 with --quick). */
const seconds = positiveEnv("BENCH_SECONDS", quick ? 3 : 10);
/** BENCH_CONNECTIONS=1: the load's concurrent connections (and pgbench's clients) instead of 50, to see a request's own costs. */
const connections = positiveEnv("BENCH_CONNECTIONS", 50);
const SETTINGS = {
  durationS: seconds,
  warmupS: quick ? 1 : 2,
  connections,
  poolSize: 10,
};

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

/**
 * The designer case (bench/designer/case.ts), loaded when it runs: it is type-checked by its own
 * bench/designer/tsconfig.json (browser code), which bench/tsconfig.json does not include.
 */
interface DesignerCase {
  runDesignerCase(log: (msg: string) => void): Promise<{ failures: unknown[]; runs: { errors: string[] }[] }>;
  printDesignerTable(result: unknown): void;
}
const DESIGNER_CASE = "./designer/case.ts";
const designerCase = () => import(DESIGNER_CASE) as Promise<DesignerCase>;

/** The designer case after the HTTP cases: a failure is reported in the JSON, never fatal to them. */
async function designerAfterHttp(): Promise<{ result: unknown; print(): void }> {
  try {
    const { runDesignerCase, printDesignerTable } = await designerCase();
    const result = await runDesignerCase(log);
    return { result, print: () => printDesignerTable(result) };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    return { result: { error }, print: () => log(`designer case failed: ${error}`) };
  }
}

function withDb(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/** Starts bench/serve.ts; resolves with the ports it printed. */
interface Ports {
  app: number;
  uncached: number;
  /** The app with a page cache that keeps nothing. */
  coldPages: number;
  baseline: number;
  /** A bare Hono handler sending the page case's exact bytes. */
  samePageBytes: number;
  /** The store provisioned from the fresh-food template. */
  pageStore: string;
  /** The size of its home page response, as sent plain and gzip-compressed. */
  pageBytes: { plain: number; gzip: number };
}

function startServer(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess } & Ports> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.PROF ? ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"] : []),
      "--import",
      "tsx",
      path.join(HERE, "serve.ts"),
    ],
    {
      env,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the bench server exited (${code}) before it was ready`)));
    const rl = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    rl.on("line", (line) => {
      if (!line.startsWith("{")) return; // anything Node prints first (a V8 tracing flag)
      const ports = JSON.parse(line) as Ports;
      resolve({ child, ...ports });
    });
  });
}

function pick<T>(items: readonly T[]): T {
  const item = items[Math.floor(Math.random() * items.length)];
  if (item === undefined) throw new Error("nothing to pick from");
  return item;
}

interface Case {
  name: string;
  /** What a request looks like, for the report. */
  shape: string;
  port: number;
  /** Path and headers of the next request (spread across stores and products); a POST carries a body. */
  next: () => { path: string; headers: Record<string, string>; method?: "POST"; body?: string };
}

const CLIENT_HEADERS = { "accept-encoding": "gzip, deflate, br" };

/**
 * autocannon keeps every response body as a string (`body += chunk`: a UTF-8 decode of each chunk)
 * for body checks (`expectBody`, `verifyBody`, `onResponse`) that this bench does not use. On this
 * machine the client shares two cores with the server, and decoding a 4 KB gzip body as text cost
 * autocannon more than the server's whole answer: the client, not the server, set the page cases'
 * figures. Off, every case pays the client the same per response whatever its body (bytes are still
 * counted). `BENCH_CLIENT_BODIES=1` keeps autocannon as shipped, to compare.
 */
function dropResponseBodies() {
  if (process.env.BENCH_CLIENT_BODIES === "1") return false;
  const Queue = createRequire(import.meta.url)("autocannon/lib/pipelinedRequestsQueue.js") as {
    prototype: { addBody(data: unknown): void };
  };
  Queue.prototype.addBody = () => {};
  return true;
}
const bodiesDropped = dropResponseBodies();

/** CPU time (user + system) of process `pid` so far, µs, from /proc (Linux); null elsewhere. */
function cpuTimeUs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces) start at ") ": utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1e6) / CLOCK_TICKS : null;
  } catch {
    return null;
  }
}
/** The order case: rounds of this many seconds, each followed by pgbench for as long. */
const ORDER_ROUNDS = 3;
const ORDER_ROUND_S = Math.max(3, Math.ceil(SETTINGS.durationS / 2));
/**
 * The order case's warm-up (BENCH_ORDER_WARMUP seconds, default 10): the server's request path is
 * still being compiled by V8 seconds into the load, and each connection prepares its statements on
 * its first submissions. After 3 s the rounds measured 744-825 µs of server CPU per submission and
 * got faster round by round; after 12 s, 634-697 µs and level rounds (bench/README.md, "Orders").
 */
const ORDER_WARMUP_S = positiveEnv("BENCH_ORDER_WARMUP", 10);

interface OrderRound {
  submitsPerSec: number;
  pgbenchTps: number;
  ratio: number;
}

type Measured = { r: autocannon.Result; serverUs: number | null; dbUs: number | null };

const since = (before: number | null, after: number | null) =>
  before !== null && after !== null ? after - before : null;

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** One case's figures over its measured runs: throughput over the whole time, latencies the runs' medians. */
function caseResult(c: Case, runs: Measured[]): CaseResult {
  const total = runs.reduce((n, m) => n + m.r.requests.total, 0);
  const seconds = runs.reduce((n, m) => n + m.r.duration, 0);
  const perRequest = (pick: (m: Measured) => number | null) => {
    const values = runs.map(pick);
    return total > 0 && values.every((v) => v !== null)
      ? values.reduce((a: number, v) => a + (v ?? 0), 0) / total
      : null;
  };
  const lat = (pick: (m: Measured) => number) => median(runs.map(pick));
  return {
    name: c.name,
    request: c.shape,
    requestsPerSec: seconds > 0 ? total / seconds : 0,
    totalRequests: total,
    latencyMs: {
      mean: lat((m) => m.r.latency.average),
      p50: lat((m) => m.r.latency.p50),
      p90: lat((m) => m.r.latency.p90),
      p99: lat((m) => m.r.latency.p99),
      max: Math.max(...runs.map((m) => m.r.latency.max)),
    },
    non2xx: runs.reduce((n, m) => n + m.r.non2xx, 0),
    errors: runs.reduce((n, m) => n + m.r.errors, 0),
    timeouts: runs.reduce((n, m) => n + m.r.timeouts, 0),
    serverCpuUsPerRequest: perRequest((m) => m.serverUs),
    dbCpuUsPerRequest: perRequest((m) => m.dbUs),
  };
}

/** USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK). */
const CLOCK_TICKS = 100;

/**
 * The CPU time of every PostgreSQL process on this machine (the server's connections are kept open
 * through a case, so before and after count the same backends), µs; null where /proc has none.
 */
function postgresCpuTimeUs(): number | null {
  let total = 0;
  let found = false;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() !== "postgres") continue;
      const us = cpuTimeUs(Number(entry));
      if (us !== null) {
        total += us;
        found = true;
      }
    } catch {
      // Gone meanwhile.
    }
  }
  return found ? total : null;
}

async function load(c: Case, seconds: number) {
  return autocannon({
    url: `http://127.0.0.1:${c.port}`,
    connections: SETTINGS.connections,
    duration: seconds,
    requests: [
      {
        method: "GET",
        setupRequest: (req) => {
          const { path: p, headers, method, body } = c.next();
          // Every case asks as real clients do (wx.request and browsers accept gzip).
          return {
            ...req,
            path: p,
            headers: { ...req.headers, ...CLIENT_HEADERS, ...headers },
            ...(method ? { method, body } : {}),
          };
        },
      },
    ],
  });
}

async function checkResponses(cases: Case[]) {
  for (const c of cases.filter((x) => x.name !== "order submit")) {
    const { path: p, headers } = c.next();
    const res = await fetch(`http://127.0.0.1:${c.port}${p}`, { headers });
    const body = (await res.json()) as { items?: unknown[] };
    if (res.status !== 200) throw new Error(`${c.name}: ${p} answered ${res.status}: ${JSON.stringify(body)}`);
    if (c.name === "product list" && body.items?.length !== 20) throw new Error(`${c.name}: expected a page of 20`);
    if (c.name.startsWith("page (") && !res.headers.get("etag")) throw new Error(`${c.name}: no ETag`);
  }
}

async function main() {
  const started = Date.now();
  const loadBefore = os.loadavg();
  if ((loadBefore[0] ?? 0) > os.cpus().length / 2) {
    log(
      `load average is ${loadBefore[0]?.toFixed(1)} before starting: other work on this machine will skew the figures`,
    );
  }
  if (designerOnly) return designerMain(started, loadBefore);
  const pg = process.env.BENCH_DATABASE_URL ? { url: process.env.BENCH_DATABASE_URL } : await ensurePostgres(log);
  const server = pg.url;
  const dbName = `mallwright_bench_${process.pid}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "mallwright-bench-"));
  let child: ChildProcess | undefined;
  let ownerSql: postgres.Sql | undefined;
  try {
    await admin.unsafe(`CREATE DATABASE ${dbName}`);
    const url = withDb(server, dbName);
    ownerSql = postgres(url, { max: 4, onnotice: () => {} });
    await migrate(postgresTarget(ownerSql));
    log(`seeding ${DATASET.tenants} stores x ${DATASET.productsPerTenant} products into ${dbName}`);
    const seedStart = Date.now();
    await seed(ownerSql, DATASET);
    const seedSeconds = (Date.now() - seedStart) / 1000;
    const counts = await ownerSql<{ products: number; skus: number }[]>`
      SELECT (SELECT count(*)::int FROM products) AS products, (SELECT count(*)::int FROM skus) AS skus`;
    const [version] = await ownerSql<{ v: string }[]>`SELECT current_setting('server_version') AS v`;
    log(`seeded ${counts[0]?.products} products, ${counts[0]?.skus} SKUs in ${seedSeconds.toFixed(1)} s`);
    const spread: Sample = await sample(ownerSql, 500);
    // Enough for every submission of the run (~1,000/s at most here) to be a new shopper's.
    // and a store with a past: 20,000 orders before the run (50,000 without --quick).
    const orderSeedStart = Date.now();
    const orderData = await seedOrders(
      ownerSql,
      (ORDER_ROUNDS * ORDER_ROUND_S + ORDER_WARMUP_S + 1) * 1_200,
      quick ? 20_000 : 50_000,
    );
    log(`seeded the order store's shoppers and past orders in ${((Date.now() - orderSeedStart) / 1000).toFixed(1)} s`);
    let nextShopper = 0;

    const { REDIS_URL: _redis, ...inherited } = process.env;
    const srv = await startServer({
      ...inherited,
      NODE_ENV: "production",
      LOG_LEVEL: "silent",
      DATABASE_URL: url,
      DATABASE_POOL_SIZE: String(SETTINGS.poolSize),
      DATA_DIR: dataDir,
      MEDIA_PUBLIC_URL: "https://media.bench.invalid",
      // Required in production; the bench makes up one per run.
      PREVIEW_SECRET: randomBytes(32).toString("base64url"),
      DATA_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString("base64url")}`,
    });
    child = srv.child;

    const store = () => pick(spread.keys);
    const cases: Case[] = [
      {
        name: "baseline",
        shape: "GET / -> {ok:true} (bare Hono, same server)",
        port: srv.baseline,
        next: () => ({ path: "/", headers: {} }),
      },
      {
        name: "store key",
        shape: "GET /store/v1/shop (random store; the store-key lookup, cached 5 s)",
        port: srv.app,
        next: () => ({ path: "/store/v1/shop", headers: { "x-mallwright-tenant": store() } }),
      },
      {
        name: "store key, no cache",
        shape: "GET /store/v1/shop (random store; the lookup in the database every time)",
        port: srv.uncached,
        next: () => ({ path: "/store/v1/shop", headers: { "x-mallwright-tenant": store() } }),
      },
      {
        name: "product list",
        shape: "GET /store/v1/products?limit=20 (random store)",
        port: srv.app,
        next: () => ({ path: "/store/v1/products?limit=20", headers: { "x-mallwright-tenant": store() } }),
      },
      {
        name: "product detail",
        shape: "GET /store/v1/products/{id} (random store, random product)",
        port: srv.app,
        next: () => {
          const key = store();
          const id = pick(spread.products.get(key) ?? []);
          return { path: `/store/v1/products/${id}`, headers: { "x-mallwright-tenant": key } };
        },
      },
      {
        name: "page (cached)",
        shape: "GET /store/v1/pages/home (fresh-food template's home page, hydrated, from the page cache)",
        port: srv.app,
        next: () => ({ path: "/store/v1/pages/home", headers: { "x-mallwright-tenant": srv.pageStore } }),
      },
      {
        name: "page bytes, bare",
        shape: "GET / -> the page case's exact bytes (gzip) from a bare Hono handler: the cost of the body alone",
        port: srv.samePageBytes,
        next: () => ({ path: "/", headers: {} }),
      },
      {
        name: "order submit",
        shape:
          "POST /store/v1/orders (a new shopper each time, 1 unit in the cart: plan, reserve, number, lines, outbox)",
        port: srv.app,
        next: () => {
          const n = nextShopper++;
          return {
            path: "/store/v1/orders",
            method: "POST",
            headers: {
              "x-mallwright-tenant": orderData.storeKey,
              authorization: `Bearer ${orderData.tokens[n % orderData.tokens.length]}`,
              "idempotency-key": `bench-${n}`,
              "content-type": "application/json",
            },
            body: JSON.stringify({ delivery: "pickup", pickupPointId: orderData.pickupPointId }),
          };
        },
      },
      {
        name: "page (cold)",
        shape: "GET /store/v1/pages/home (the same, read and hydrated every time: page cache of 0)",
        port: srv.coldPages,
        next: () => ({ path: "/store/v1/pages/home", headers: { "x-mallwright-tenant": srv.pageStore } }),
      },
    ];
    await checkResponses(cases);

    const results: CaseResult[] = [];
    const hotRounds: OrderRound[] = [];
    for (const c of cases.filter((x) => !only || only.includes(x.name))) {
      const rounds = c.name === "order submit" ? ORDER_ROUNDS : 1;
      const seconds = rounds > 1 ? ORDER_ROUND_S : SETTINGS.durationS;
      // The order case warms up longer (ORDER_WARMUP_S says why).
      const warmup = rounds > 1 ? ORDER_WARMUP_S : SETTINGS.warmupS;
      log(
        `${c.name}: warm-up ${warmup} s, then ${rounds > 1 ? `${rounds} rounds of ` : ""}${seconds} s at ${SETTINGS.connections} connections${rounds > 1 ? ", each followed by pgbench on one hot row for as long" : ""}`,
      );
      await load(c, warmup);
      const measured: Measured[] = [];
      for (let i = 0; i < rounds; i++) {
        const cpuBefore = cpuTimeUs(child.pid);
        const dbBefore = postgresCpuTimeUs();
        const r = await load(c, seconds);
        measured.push({
          r,
          serverUs: since(cpuBefore, cpuTimeUs(child.pid)),
          dbUs: since(dbBefore, postgresCpuTimeUs()),
        });
        if (rounds > 1) {
          const hot = await pgbenchHotRow(ownerSql, url, { clients: SETTINGS.connections, seconds });
          hotRounds.push({
            submitsPerSec: r.requests.average,
            pgbenchTps: hot.tps,
            ratio: r.requests.average / hot.tps,
          });
        }
      }
      results.push(caseResult(c, measured));
    }

    const report = summarize(results);
    // Without the order case, pgbench once on its own (the yardstick is still reported).
    let aloneTps: number | null = null;
    if (hotRounds.length === 0) {
      log(`pgbench: one hot row, ${SETTINGS.connections} clients, ${SETTINGS.durationS} s`);
      aloneTps = (await pgbenchHotRow(ownerSql, url, { clients: SETTINGS.connections, seconds: SETTINGS.durationS }))
        .tps;
    }
    const orderCase = results.find((r) => r.name === "order submit");
    const orders = {
      submitsPerSec: orderCase?.requestsPerSec ?? null,
      pgbenchHotRowTps: aloneTps ?? median(hotRounds.map((h) => h.pgbenchTps)),
      // Each round's submissions over the pgbench run right after it: both sides see the machine
      // as it was then (its speed swings by half within minutes); the median of the rounds.
      ratio: hotRounds.length > 0 ? median(hotRounds.map((h) => h.ratio)) : null,
      rounds: hotRounds,
      goal: 0.25,
      shoppersUsed: nextShopper,
    };
    const designer = httpOnly
      ? { result: { skipped: "--http-only" }, print: () => log("designer case skipped (--http-only)") }
      : await designerAfterHttp();
    const out = {
      startedAt: new Date(started).toISOString(),
      quick,
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? "unknown",
        node: process.version,
        postgres: version?.v ?? "unknown",
        loadAverageBefore: loadBefore.map((l) => Number(l.toFixed(2))),
        note: "server, autocannon and PostgreSQL share this machine's CPUs",
      },
      dataset: {
        ...DATASET,
        products: counts[0]?.products,
        skus: counts[0]?.skus,
        seedSeconds,
        storesSampled: spread.keys.length,
        pageBytes: srv.pageBytes,
      },
      settings: { ...SETTINGS, logLevel: "silent", pipelining: 1, clientKeepsBodies: !bodiesDropped },
      cases: report,
      orders,
      designer: designer.result,
    };
    const dir = path.join(HERE, "results");
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${out.startedAt.replace(/[:.]/g, "-")}.json`);
    writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
    printTable(report);
    for (const [i, h] of orders.rounds.entries()) {
      process.stdout.write(
        `Orders, round ${i + 1}: ${h.submitsPerSec.toFixed(0)} submissions/s, then pgbench hot-row UPDATE ${h.pgbenchTps.toFixed(0)} tps: ${h.ratio.toFixed(3)}x\n`,
      );
    }
    process.stdout.write(
      `Orders: ${orders.submitsPerSec?.toFixed(0) ?? "n/a"} submissions/s vs pgbench hot-row UPDATE ${orders.pgbenchHotRowTps.toFixed(0)} tps = ${orders.ratio?.toFixed(3) ?? "n/a"}x, the median of the rounds (goal >= 0.25x; ${nextShopper} shoppers used)\n\n`,
    );
    designer.print();
    log(`page body: ${srv.pageBytes.plain} bytes, ${srv.pageBytes.gzip} gzip-compressed (what the page cases send)`);
    log(`results: ${path.relative(process.cwd(), file)}  (total ${((Date.now() - started) / 1000).toFixed(0)} s)`);
    if (report.some((r) => r.non2xx > 0 || r.errors > 0)) {
      log("some requests failed: the figures above are not valid");
      process.exitCode = 1;
    }
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    await ownerSql?.end({ timeout: 5 });
    if (!keep) await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    else log(`kept database ${dbName}`);
    await admin.end({ timeout: 5 });
    rmSync(dataDir, { recursive: true, force: true });
    await pg.stop?.();
  }
}

/** `--designer-only`: the designer case alone, written to the same results folder. */
async function designerMain(started: number, loadBefore: number[]) {
  const { runDesignerCase, printDesignerTable } = await designerCase();
  const designer = await runDesignerCase(log);
  const out = {
    startedAt: new Date(started).toISOString(),
    designerOnly: true,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? "unknown",
      node: process.version,
      loadAverageBefore: loadBefore.map((l) => Number(l.toFixed(2))),
      note: "Chromium, the editors' servers and the driver share this machine's CPUs",
    },
    designer,
  };
  const dir = path.join(HERE, "results");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${out.startedAt.replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  printDesignerTable(designer);
  log(`results: ${path.relative(process.cwd(), file)}  (total ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  if (designer.failures.length > 0 || designer.runs.some((r) => r.errors.length > 0)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  log(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
