import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { measurePackages, SIZE_LIMITS, sizeProblems } from "./package-sizes.mjs";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function project(files: Record<string, number>): string {
  const dir = mkdtempSync(join(tmpdir(), "mw-sizes-"));
  dirs.push(dir);
  const app = { pages: ["pages/home/index"], subpackages: [{ root: "pkg-shop/", name: "shop", pages: [] }] };
  writeFileSync(join(dir, "app.json"), JSON.stringify(app));
  for (const [file, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), Buffer.alloc(bytes, 97));
  }
  return dir;
}

describe("package sizes", () => {
  it("count every file under a subpackage's root for it, the rest for the main package", () => {
    const dir = project({ "pages/home/index.js": 1000, "vendor/schema.js": 500, "pkg-shop/pages/a/index.js": 300 });
    const [main, shop] = measurePackages(dir);
    expect(main).toMatchObject({ name: "main", files: 3 }); // app.json counts too
    expect(main?.bytes).toBeGreaterThan(1500);
    expect(shop).toMatchObject({ name: "shop", bytes: 300, files: 1 });
    expect(sizeProblems(measurePackages(dir))).toEqual([]);
  });

  it("fail a main package over 1.5 MB and any package over 2 MB", () => {
    const dir = project({
      "vendor/big.js": SIZE_LIMITS.mainBytes + 1,
      "pkg-shop/big.js": SIZE_LIMITS.packageBytes + 1,
    });
    const problems = sizeProblems(measurePackages(dir));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^the main package is 1536\.\d KB, over 1536\.0 KB$/);
    expect(problems[1]).toMatch(/^subpackage shop is 2048\.0 KB, over 2048\.0 KB$/);
  });

  it("leave out what is not uploaded (the build's package.json)", () => {
    const dir = project({ "package.json": SIZE_LIMITS.mainBytes * 2 });
    expect(sizeProblems(measurePackages(dir))).toEqual([]);
  });
});
