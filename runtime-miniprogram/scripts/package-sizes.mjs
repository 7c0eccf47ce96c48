// Package sizes of a built mini-program, counted the way WeChat counts them: every file under a
// subpackage's root belongs to that subpackage, every other file to the main package.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";

/** WeChat's limits: the main package 1.5 MB, any package (main or sub) 2 MB. */
export const SIZE_LIMITS = { mainBytes: 1.5 * 1024 * 1024, packageBytes: 2 * 1024 * 1024 };

/** Files of the built project that are not uploaded (project.config.json packOptions.ignore). */
export const NOT_UPLOADED = ["package.json"];

/** @param {string} dir @returns {string[]} paths relative to dir, with "/" separators */
function listFiles(dir, base = dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full, base));
    else out.push(relative(base, full).split(sep).join("/"));
  }
  return out;
}

/**
 * Bytes per package of the project in `distDir` (its app.json names the subpackages).
 * @param {string} distDir
 * @returns {{ name: string, root: string, bytes: number, files: number }[]} the main package first
 */
export function measurePackages(distDir) {
  const app = JSON.parse(readFileSync(join(distDir, "app.json"), "utf8"));
  /** @type {{ root: string, name?: string }[]} */
  const subs = app.subpackages ?? app.subPackages ?? [];
  const packages = [
    { name: "main", root: "", bytes: 0, files: 0 },
    ...subs.map((s) => ({ name: s.name ?? s.root, root: s.root.replace(/\/?$/, "/"), bytes: 0, files: 0 })),
  ];
  for (const file of listFiles(distDir)) {
    if (NOT_UPLOADED.includes(file)) continue;
    const owner = packages.find((p) => p.root !== "" && file.startsWith(p.root)) ?? packages[0];
    owner.bytes += statSync(join(distDir, file)).size;
    owner.files += 1;
  }
  return packages;
}

/**
 * What breaks the limits, one message per package over them (empty when the build may ship).
 * @param {{ name: string, root: string, bytes: number }[]} packages
 */
export function sizeProblems(packages, limits = SIZE_LIMITS) {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const problems = [];
  for (const p of packages) {
    const limit = p.root === "" ? Math.min(limits.mainBytes, limits.packageBytes) : limits.packageBytes;
    if (p.bytes > limit) {
      problems.push(
        `${p.root === "" ? "the main package" : `subpackage ${p.name}`} is ${kb(p.bytes)}, over ${kb(limit)}`,
      );
    }
  }
  return problems;
}
