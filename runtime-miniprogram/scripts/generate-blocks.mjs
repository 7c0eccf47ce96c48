// Writes the files the block registry decides (codegen/block-files.ts): block properties, block
// index.json files, block-renderer's template and index.json. `--check` only reports stale files.
// Usage: npm run generate -w runtime-miniprogram [-- --check]
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { ROOT } from "./build.mjs";

/** The generator, bundled for Node 20 (which runs no TypeScript), then imported. */
async function loadGenerator() {
  const dir = mkdtempSync(join(tmpdir(), "mw-codegen-"));
  try {
    const outfile = join(dir, "block-files.mjs");
    await build({
      absWorkingDir: ROOT,
      entryPoints: [join(ROOT, "codegen/block-files.ts")],
      outfile,
      bundle: true,
      format: "esm",
      platform: "node",
      logLevel: "silent",
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const check = process.argv.includes("--check");
const { generateBlockFiles } = await loadGenerator();
const stale = [];
for (const [file, content] of generateBlockFiles()) {
  const path = join(ROOT, file);
  let current = null;
  try {
    current = readFileSync(path, "utf8");
  } catch {}
  if (current === content) continue;
  stale.push(file);
  if (!check) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
}
if (check && stale.length > 0) {
  console.error(`stale generated files (run npm run generate -w runtime-miniprogram):\n  ${stale.join("\n  ")}`);
  process.exit(1);
}
console.log(stale.length === 0 ? "generated files are current" : `wrote ${stale.length} files`);
