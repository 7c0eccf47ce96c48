// The designer benchmark's Mallwright side: builds the builder into a temp dir (Vite's JS API with
// builder/vite.config.ts, so builder/dist is left alone), starts serve.ts (the platform on embedded
// PGlite with the two pages as drafts), signs the owner in, and drives the designer at
// /pages/<id>/design through the DOM hooks the designer documents (builder/src/designer/drop-target.ts,
// canvas.tsx):
//   [data-drop-area="canvas"]   the canvas's root list (the outline's says "outline")
//   [data-drop-item="<id>"]     every block's element in a list; on the canvas it is also the drag source
//   the inspector's field of a prop: #dz-<blockId>-<prop> (inspector/inspector.tsx, PropField), else
//   the visible field labelled Title / 标题 in the inspector (an <aside>)
// The drop is committed when the canvas DOM shows the dragged block at another index; typing is shown
// when the block's element on the canvas contains the typed text.
/// <reference lib="dom" />
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { build } from "vite";
import type { Editor } from "./measure.ts";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BUILDER = path.resolve(HERE, "../../builder");

export interface MallwrightServer {
  child: ChildProcess;
  url: string;
  email: string;
  password: string;
  /** Fresh copies of each page by size: one per measurement. */
  pages: Record<string, string[]>;
  /** Who served the builder's files: the platform's own handler, or serve.ts's fallback. */
  builderServedBy: "platform" | "bench";
}

/** Builds the builder as `npm run build -w @mallwright/builder` does, into `outDir`. */
export async function buildBuilder(outDir: string): Promise<void> {
  await build({
    root: BUILDER,
    configFile: path.join(BUILDER, "vite.config.ts"),
    logLevel: "warn",
    // A profiled run (DESIGNER_BENCH_PROFILE, measure.ts) keeps names readable in the profile.
    build: { outDir, emptyOutDir: true, ...(process.env.DESIGNER_BENCH_PROFILE ? { minify: false } : {}) },
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function startMallwright(dataDir: string, builderDist: string, copies: number): Promise<MallwrightServer> {
  const port = await freePort();
  const { DATABASE_URL: _db, REDIS_URL: _redis, NODE_ENV: _mode, ...inherited } = process.env;
  const child = spawn(process.execPath, ["--import", "tsx", path.join(HERE, "serve.ts")], {
    env: {
      ...inherited,
      LOG_LEVEL: "silent",
      DATA_DIR: dataDir,
      PORT: String(port),
      // Cookie-authenticated writes must come from this origin (the builder's autosave).
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      BUILDER_DIST: builderDist,
      PAGE_COPIES: String(copies),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the designer bench server exited (${code}) before it was ready`)));
    // The first line that starts with "{" is serve.ts's.
    let ready = false;
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
      if (!ready && line.startsWith("{")) {
        ready = true;
        resolve({ child, ...(JSON.parse(line) as Omit<MallwrightServer, "child">) });
      }
      // Else the console mailer's copy of the owner's "added to the store" email: dropped.
    });
  });
}

export async function stopMallwright(server: MallwrightServer | undefined): Promise<void> {
  const child = server?.child;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

const CANVAS = '[data-drop-area="canvas"]';
const item = (id: string) => `${CANVAS} [data-drop-item="${id}"]`;

export function mallwrightEditor(server: MallwrightServer): Editor {
  const opened: Record<string, number> = {};
  return {
    name: "Mallwright",
    selectors: { canvas: CANVAS, block: "[data-drop-item]", idAttr: "data-drop-item" },
    async open(page: Page, bench) {
      // A copy no earlier measurement has edited (the designer autosaves).
      const used = opened[bench.size] ?? 0;
      opened[bench.size] = used + 1;
      const id = server.pages[bench.size]?.[used];
      if (!id) throw new Error(`no unused ${bench.size}-block page left on the server`);
      const login = await page.request.post(`${server.url}/merchant/v1/auth/login`, {
        data: { email: server.email, password: server.password },
        headers: { origin: server.url },
      });
      if (!login.ok()) throw new Error(`login answered ${login.status()}`);
      await page.goto(`${server.url}/pages/${id}/design`);
      const last = bench.rootIds.at(-1) ?? "";
      await page.locator(`${CANVAS} > [data-drop-item="${last}"]`).waitFor({ state: "attached", timeout: 60_000 });
    },
    dragHandle: (page, id) => page.locator(item(id)).first(),
    async selectTitle(page, id) {
      const block = page.locator(item(id)).first();
      await block.scrollIntoViewIfNeeded();
      await block.click({ position: { x: 20, y: 10 } });
      const byId = page.locator(`#dz-${id}-title`);
      // Not page.getByLabel alone: canvas blocks carry their type's label as aria-label ("标题").
      const labelled = page
        .locator("aside")
        .getByLabel(/^(Title|标题)$/)
        .filter({ visible: true });
      const field = byId.or(labelled).first();
      await field.waitFor({ timeout: 10_000 });
      return field;
    },
  };
}
