// Builds the builder (vite build -> builder/dist) when dist is missing or older than any of its
// sources: builder/src, builder/public, builder/index.html, builder/vite.config.ts,
// builder/package.json, schema/src. Prints one line; fast when up to date. Used by `npm start`
// and by the e2e harness (builder/e2e/harness.ts).
//
//   node scripts/build-builder.mjs [--force] [--keep-going]
//     --force       build even when up to date
//     --keep-going  exit 0 when the build fails (npm start: the API still starts; the builder
//                   answers 503, or the previous build is kept)
//
// Concurrent callers (parallel e2e test files) wait on a lock; the new build is written beside
// dist and swapped in by rename, so a running server never serves a half-written directory.
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const builder = join(root, "builder");
const dist = join(builder, "dist");
const stamp = join(dist, "index.html");
const SOURCES = [
  join(builder, "src"),
  join(builder, "public"),
  join(builder, "index.html"),
  join(builder, "vite.config.ts"),
  join(builder, "package.json"),
  join(root, "schema", "src"),
];
const lockDir = join(root, "node_modules", ".cache", "mallwright-builder-build.lock");

const say = (msg) => console.log(`[builder] ${msg}`);
const args = new Set(process.argv.slice(2));
const force = args.has("--force");
const keepGoing = args.has("--keep-going");

/** Newest modification time under `p` (0 when it does not exist); test files do not count. */
function newest(p) {
  let s;
  try {
    s = statSync(p);
  } catch {
    return { time: 0, file: "" };
  }
  if (!s.isDirectory()) return { time: s.mtimeMs, file: p };
  let best = { time: 0, file: "" };
  for (const entry of readdirSync(p, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    if (entry.isFile() && /\.test\.tsx?$/.test(entry.name)) continue;
    const n = newest(join(p, entry.name));
    if (n.time > best.time) best = n;
  }
  return best;
}

/** Why a build is needed, or undefined when dist is current. */
function staleness() {
  if (force) return "--force";
  let built;
  try {
    built = statSync(stamp).mtimeMs;
  } catch {
    return "no build yet";
  }
  let latest = { time: 0, file: "" };
  for (const src of SOURCES) {
    const n = newest(src);
    if (n.time > latest.time) latest = n;
  }
  return latest.time > built ? `${relative(root, latest.file)} changed` : undefined;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err?.code === "EPERM";
  }
}

/** One build at a time across processes: a lock directory holding the owner's pid. */
async function withLock(fn) {
  mkdirSync(dirname(lockDir), { recursive: true });
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, "pid"), String(process.pid));
      break;
    } catch (err) {
      if (err?.code !== "EEXIST") throw err;
      let owner = 0;
      try {
        owner = Number(readFileSync(join(lockDir, "pid"), "utf8"));
      } catch {}
      let age = 0;
      try {
        age = Date.now() - statSync(lockDir).mtimeMs;
      } catch {}
      // A dead owner's lock, or one whose owner never wrote its pid, is taken over.
      if ((owner > 0 && !alive(owner)) || (owner === 0 && age > 10_000)) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`another build holds ${relative(root, lockDir)} for too long`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

function viteBin() {
  const pkg = createRequire(join(builder, "package.json")).resolve("vite/package.json");
  const bin = join(dirname(pkg), "bin", "vite.js");
  if (!existsSync(bin)) throw new Error("vite is not installed: run `npm ci` first");
  return bin;
}

function build(reason) {
  const started = Date.now();
  const tmp = join(builder, `.dist-build-${process.pid}`);
  const old = join(builder, `.dist-old-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  const run = spawnSync(
    process.execPath,
    [viteBin(), "build", "--outDir", tmp, "--emptyOutDir", "--logLevel", "warn"],
    { cwd: builder, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, NODE_ENV: "production" } },
  );
  if (run.status !== 0 || !existsSync(join(tmp, "index.html"))) {
    rmSync(tmp, { recursive: true, force: true });
    const kept = existsSync(stamp) ? "the previous build stays in builder/dist" : "builder/dist is missing";
    return { ok: false, message: `vite build failed (${reason}; output above); ${kept}` };
  }
  // Stamp the build with its start time: a source saved while it ran makes the next call rebuild.
  const t = new Date(started);
  utimesSync(join(tmp, "index.html"), t, t);
  if (existsSync(dist)) renameSync(dist, old);
  renameSync(tmp, dist);
  rmSync(old, { recursive: true, force: true });
  return { ok: true, message: `built builder/dist in ${((Date.now() - started) / 1000).toFixed(1)}s (${reason})` };
}

try {
  const first = staleness();
  if (!first) {
    say("up to date (builder/dist)");
  } else {
    const result = await withLock(() => {
      // Someone else may have built it while we waited.
      const reason = staleness();
      return reason ? build(reason) : { ok: true, message: "up to date (builder/dist, built by another process)" };
    });
    say(result.message);
    if (!result.ok && !keepGoing) process.exit(1);
  }
} catch (err) {
  say(`build failed: ${err?.message ?? err}`);
  if (!keepGoing) process.exit(1);
}
