// The runtime test project's global setup: builds the mini-program once into a temporary folder
// (never over dist/), which the miniprogram-simulate tests load (test/simulate.ts).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildMiniprogram } from "./scripts/build.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    /** The built mini-program (what dist/ would hold). */
    runtimeDist: string;
  }
}

export default async function setup(project: TestProject) {
  const outDir = mkdtempSync(join(tmpdir(), "mw-runtime-dist-"));
  const { problems } = await buildMiniprogram({ outDir });
  if (problems.length > 0) throw new Error(`the mini-program build is over its size limits: ${problems.join("; ")}`);
  project.provide("runtimeDist", outDir);
  return () => rmSync(outDir, { recursive: true, force: true });
}
