// Builds the mini-program: src/ -> dist/ (project.config.json's miniprogramRoot). Each .ts file
// becomes a CommonJS .js file beside its copied .wxml/.wxss/.json; src/vendor/*.ts are bundled
// (the schema's display code with zod, once for every package). Fails when a package is over
// WeChat's size limits. Usage: npm run build -w runtime-miniprogram [-- --out DIR]
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { measurePackages, sizeProblems } from "./package-sizes.mjs";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SRC = join(ROOT, "src");

/** Copied as they are. */
const STATIC = /\.(wxml|wxss|wxs|json|png|jpg|jpeg|gif|svg)$/;
/** Never part of the app. */
const SKIP = /\.test\.ts$|\.d\.ts$/;
/** Bundled with what they import from packages. */
const VENDOR_DIR = "vendor/";

/** Old JavaScript engines still run mini-programs: no syntax newer than this reaches them. */
const TARGET = "es2018";

function listFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else out.push(relative(SRC, full).split(sep).join("/"));
  }
  return out;
}

/** Relative imports stay separate modules (required at run time); packages only through vendor/. */
const separateModules = {
  name: "separate-modules",
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === "entry-point") return undefined;
      if (args.path.startsWith(".")) return { path: args.path.replace(/\.ts$/, ".js"), external: true };
      const from = relative(ROOT, args.importer);
      return {
        errors: [
          { text: `${from} imports "${args.path}": import packages through src/vendor/ (bundled once for all pages)` },
        ],
      };
    });
  },
};

/**
 * zod's namespace re-exports every locale's messages (some 250 KB); the mini-program shows none of
 * them (the schema's own messages, or English), so only the default English one is bundled.
 */
const englishOnly = {
  name: "zod-english-only",
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer)
        ? { path: join(dirname(args.importer), args.path, "..", "en.js"), namespace: "zod-locales" }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "zod-locales" }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
    }));
  },
};

/**
 * Builds into `outDir` (emptied first) and measures the packages.
 * @param {{ outDir?: string, minify?: boolean }} [opts]
 */
export async function buildMiniprogram(opts = {}) {
  const outDir = resolve(opts.outDir ?? join(ROOT, "dist"));
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const files = listFiles(SRC).filter((f) => !SKIP.test(f));
  const scripts = files.filter((f) => f.endsWith(".ts"));
  const common = {
    absWorkingDir: ROOT,
    outdir: outDir,
    outbase: SRC,
    format: "cjs",
    platform: "neutral",
    mainFields: ["module", "main"],
    target: TARGET,
    bundle: true,
    logLevel: "silent",
    charset: "utf8",
    legalComments: "none",
    // Type-only imports go away whatever tsconfig.base's verbatimModuleSyntax says.
    tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: false } },
  };
  await build({
    ...common,
    entryPoints: scripts.filter((f) => !f.startsWith(VENDOR_DIR)).map((f) => join(SRC, f)),
    plugins: [separateModules],
    minify: opts.minify ?? false,
  });
  await build({
    ...common,
    entryPoints: scripts.filter((f) => f.startsWith(VENDOR_DIR)).map((f) => join(SRC, f)),
    plugins: [englishOnly],
    minify: true,
  });
  for (const f of files.filter((f) => STATIC.test(f))) {
    mkdirSync(dirname(join(outDir, f)), { recursive: true });
    copyFileSync(join(SRC, f), join(outDir, f));
  }
  // The compiled files are CommonJS; this keeps Node (the component tests) of the same opinion.
  // It is not uploaded (project.config.json packOptions.ignore).
  writeFileSync(join(outDir, "package.json"), `${JSON.stringify({ type: "commonjs" })}\n`);
  const packages = measurePackages(outDir);
  return { outDir, packages, problems: sizeProblems(packages) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const out = args.includes("--out") ? args[args.indexOf("--out") + 1] : undefined;
  const started = Date.now();
  try {
    const result = await buildMiniprogram({ outDir: out, minify: args.includes("--minify") });
    for (const p of result.packages) {
      console.log(`  ${p.name.padEnd(10)} ${(p.bytes / 1024).toFixed(1).padStart(8)} KB  ${p.files} files`);
    }
    if (result.problems.length > 0) {
      for (const problem of result.problems) console.error(`size check failed: ${problem}`);
      process.exit(1);
    }
    console.log(`built ${relative(process.cwd(), result.outDir) || "."} in ${Date.now() - started} ms`);
  } catch (err) {
    const errors = err?.errors ?? [];
    if (errors.length === 0) throw err;
    for (const e of errors) {
      console.error(`${e.location ? `${e.location.file}:${e.location.line}: ` : ""}${e.text}`);
    }
    process.exit(1);
  }
}
