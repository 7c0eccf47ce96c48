// The build is a mini-program project WeChat's tools accept: app.json's pages and subpackages exist
// with their four files, every usingComponents path resolves, every module a script requires is
// there (and in a package the requiring file may reach), the main package stays small, pictures load
// lazily, and project.config.json points at the build.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { measurePackages, SIZE_LIMITS } from "../scripts/package-sizes.mjs";
import { distDir } from "./simulate.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

interface AppJson {
  pages: string[];
  subpackages: { root: string; name: string; pages: string[] }[];
  tabBar: { custom: boolean; list: { pagePath: string }[] };
  lazyCodeLoading: string;
  sitemapLocation: string;
  usingComponents?: Record<string, string>;
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [relative(distDir(), join(dir, e.name)).split(sep).join("/")],
  );
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(join(distDir(), file), "utf8")) as T;

/** The subpackage root a file is in, or "" for the main package. */
function packageOf(app: AppJson, file: string): string {
  return app.subpackages.find((s) => file.startsWith(s.root))?.root ?? "";
}

describe("the built mini-program", () => {
  it("is what project.config.json opens", () => {
    const config = JSON.parse(readFileSync(join(root, "project.config.json"), "utf8"));
    expect(config.miniprogramRoot).toBe("dist/");
    expect(config.compileType).toBe("miniprogram");
    expect(config.packOptions.ignore).toContainEqual({ type: "file", value: "package.json" });
  });

  it("has every page of app.json, main package and subpackages, with .js/.json/.wxml/.wxss", () => {
    const app = readJson<AppJson>("app.json");
    expect(app.lazyCodeLoading).toBe("requiredComponents");
    expect(app.subpackages.map((s) => s.root)).toEqual(["pkg-shop/", "pkg-order/"]);
    const pages = [...app.pages, ...app.subpackages.flatMap((s) => s.pages.map((p) => `${s.root}${p}`))];
    expect(pages).toHaveLength(13);
    for (const page of pages) {
      for (const ext of [".js", ".json", ".wxml", ".wxss"]) {
        expect(existsSync(join(distDir(), `${page}${ext}`)), `${page}${ext}`).toBe(true);
      }
      expect(() => readJson(`${page}.json`), `${page}.json`).not.toThrow();
    }
    // Tab pages live in the main package; the custom tab bar is there.
    for (const tab of app.tabBar.list) expect(app.pages).toContain(tab.pagePath);
    expect(app.tabBar.custom).toBe(true);
    for (const ext of [".js", ".json", ".wxml", ".wxss"])
      expect(existsSync(join(distDir(), `custom-tab-bar/index${ext}`))).toBe(true);
    expect(existsSync(join(distDir(), app.sitemapLocation))).toBe(true);
    expect(existsSync(join(distDir(), "app.js"))).toBe(true);
  });

  it("resolves every usingComponents path to a component of a package the user may reach", () => {
    const app = readJson<AppJson>("app.json");
    const jsons = files(distDir()).filter((f) => f.endsWith(".json") && f !== "app.json" && f !== "package.json");
    let checked = 0;
    for (const file of jsons) {
      const json = readJson<{ component?: boolean; usingComponents?: Record<string, string> }>(file);
      for (const [tag, path] of Object.entries(json.usingComponents ?? {})) {
        const target = path.startsWith("/")
          ? path.slice(1)
          : relative(distDir(), resolve(distDir(), dirname(file), path));
        for (const ext of [".js", ".json", ".wxml"]) {
          expect(existsSync(join(distDir(), `${target}${ext}`)), `${file}: ${tag} -> ${path}${ext}`).toBe(true);
        }
        expect(readJson<{ component?: boolean }>(`${target}.json`).component, `${target} is a component`).toBe(true);
        // A subpackage's component may only be used inside that subpackage.
        const owner = packageOf(app, target);
        if (owner) expect(packageOf(app, file), `${file} uses ${target}`).toBe(owner);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(17);
  });

  it("finds every module a script requires, never in another subpackage", () => {
    const app = readJson<AppJson>("app.json");
    for (const file of files(distDir()).filter((f) => f.endsWith(".js"))) {
      const source = readFileSync(join(distDir(), file), "utf8");
      for (const m of source.matchAll(/require\("([^"]+)"\)/g)) {
        const spec = m[1] ?? "";
        expect(spec.startsWith("."), `${file} requires "${spec}" (no packages at run time)`).toBe(true);
        const target = relative(distDir(), resolve(distDir(), dirname(file), spec))
          .split(sep)
          .join("/");
        expect(existsSync(join(distDir(), target)), `${file} requires ${spec}`).toBe(true);
        const owner = packageOf(app, target);
        if (owner) expect(packageOf(app, file), `${file} requires ${target}`).toBe(owner);
      }
    }
  });

  it("keeps the main package under 1.5 MB and every package under 2 MB", () => {
    const packages = measurePackages(distDir());
    const [main, ...subs] = packages;
    expect(main?.bytes ?? Infinity).toBeLessThanOrEqual(SIZE_LIMITS.mainBytes);
    for (const p of subs) expect(p.bytes).toBeLessThanOrEqual(SIZE_LIMITS.packageBytes);
    // The schema's display code is bundled once, not per component.
    const vendor = statSync(join(distDir(), "vendor/schema.js")).size;
    expect(vendor).toBeLessThan(400 * 1024);
    const components = files(distDir()).filter((f) => f.startsWith("components/") && f.endsWith(".js"));
    for (const f of components) expect(statSync(join(distDir(), f)).size, f).toBeLessThan(20 * 1024);
  });

  it("loads every picture of a block lazily", () => {
    const templates = files(distDir()).filter((f) => f.startsWith("components/") && f.endsWith(".wxml"));
    let images = 0;
    for (const file of templates) {
      for (const tag of readFileSync(join(distDir(), file), "utf8").match(/<image\b[^>]*>/g) ?? []) {
        expect(tag, file).toContain('lazy-load="{{true}}"');
        images += 1;
      }
    }
    expect(images).toBeGreaterThan(10);
  });

  it("ships no tests, TypeScript or source maps", () => {
    const all = files(distDir());
    expect(all.filter((f) => /\.(ts|map)$/.test(f))).toEqual([]);
  });
});
