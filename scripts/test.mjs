// Test runner: makes sure PostgreSQL and Redis are there, and Chromium when the e2e tests will run
// (see services.mjs), then runs vitest's three projects (server, builder, e2e).
// Usage: npm test [-- <vitest args>]   e.g. npm test -- platform/src/auth
// The e2e harness (builder/e2e/harness.ts) builds the builder first when builder/dist is stale.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureChromium, ensureServices } from "./services.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const log = (msg) => console.error(`[test] ${msg}`);

/** The locally installed vitest entry (never `npx vitest`, which could fetch an incompatible version). */
function vitestBin() {
  try {
    const pkgPath = createRequire(join(root, "package.json")).resolve("vitest/package.json");
    const bin = join(dirname(pkgPath), "vitest.mjs");
    if (existsSync(bin)) return bin;
  } catch {}
  console.error("[test] vitest is not installed: run `npm ci` first");
  process.exit(1);
}

const signals = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 };
let services;
let child;
let interrupted;
let starting = true; // ensureServices() running: let it finish so whatever it started gets stopped

const onSignal = (sig) => {
  if (interrupted) {
    // Second signal: give up waiting for vitest, but still clean up the servers we started.
    child?.kill("SIGKILL");
    void finish(128 + signals[sig]);
    return;
  }
  interrupted = sig;
  if (child && child.exitCode === null) child.kill(sig);
  else if (!starting) void finish(128 + signals[sig]);
};
for (const sig of Object.keys(signals)) process.on(sig, onSignal);

let finishing;
function finish(code) {
  finishing ??= (async () => {
    try {
      await services?.stop();
    } catch (err) {
      log(`cleanup failed: ${err?.message ?? err}`);
    }
    process.exit(code);
  })();
  return finishing;
}

const bin = vitestBin();

/** vitest options that take a value (so the value is not mistaken for a file filter). */
const VALUE_OPTIONS = new Set([
  "-t",
  "--testNamePattern",
  "--project",
  "--shard",
  "--reporter",
  "--outputFile",
  "-c",
  "--config",
  "-r",
  "--root",
  "--dir",
  "--maxWorkers",
  "--pool",
  "--environment",
  "--sequence.seed",
]);

/** Whether these vitest arguments select any e2e test file (then Chromium must be there). */
function runsE2E(args) {
  const projects = [];
  const filters = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith("--project=")) projects.push(a.slice("--project=".length));
    else if (a === "--project") projects.push(args[++i] ?? "");
    else if (VALUE_OPTIONS.has(a)) i++;
    else if (!a.startsWith("-")) filters.push(a.replace(/^\.\//, ""));
  }
  if (projects.length > 0 && !projects.includes("e2e")) return false;
  if (filters.length === 0) return true;
  let files = [];
  try {
    files = readdirSync(join(root, "builder", "e2e")).filter((f) => f.endsWith(".test.ts"));
  } catch {}
  return files.some((f) => filters.some((filter) => `builder/e2e/${f}`.includes(filter)));
}

let chromium;
try {
  services = await ensureServices({ log });
  if (runsE2E(process.argv.slice(2))) chromium = await ensureChromium(log);
} catch (err) {
  await services?.stop().catch(() => {});
  console.error(`[test] ${String(err?.message ?? err).split("\n")[0]}`);
  process.exit(1);
}
starting = false;
if (interrupted) await finish(128 + signals[interrupted]);

// A JSON report beside the console one, so the run can end with one plain summary line.
const report = join(tmpdir(), `mallwright-vitest-${process.pid}.json`);
const reporters = ["--reporter=default", "--reporter=json", `--outputFile.json=${report}`];

function summarize() {
  try {
    const r = JSON.parse(readFileSync(report, "utf8"));
    rmSync(report, { force: true });
    const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    console.log(
      `\nTests: ${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}`,
    );
  } catch {
    // No report (vitest did not get that far): its own output says why.
  }
}

try {
  child = spawn(process.execPath, [bin, "run", ...reporters, ...process.argv.slice(2)], {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      TEST_DATABASE_URL: services.pgUrl,
      TEST_REDIS_URL: services.redisUrl,
      ...(chromium ? { CHROMIUM_PATH: chromium } : {}),
      // One template per run: concurrent runs on one server must not drop each other's.
      TEST_TEMPLATE_DB: process.env.TEST_TEMPLATE_DB ?? `mallwright_tpl_${process.pid}`,
    },
  });
} catch (err) {
  log(`could not start vitest: ${err?.message ?? err}`);
  await finish(1);
}
child.on("error", (err) => {
  log(`vitest failed: ${err.message}`);
  void finish(1);
});
child.on("exit", (code, signal) => {
  const exit = code ?? (signal ? 128 + (signals[signal] ?? 1) : 1);
  summarize();
  void finish(interrupted && exit === 0 ? 128 + signals[interrupted] : exit);
});
