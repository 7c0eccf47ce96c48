// The designer benchmark's method, the same for Mallwright's designer and for Puck: with the
// probe (probe.ts) in the page, (a) drag the 3rd root block ~450 px down in 60 paced moves
// (frame deltas, long animation frames, each move's time to the next frame after it was
// handled), (b) release it and time the commit of the new order (max frame meanwhile), (c) type
// 20 characters into the selected title's inspector field (keydown -> the canvas shows it).
/// <reference lib="dom" />
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Locator, Page } from "playwright-core";
import { transformWithOxc } from "vite";
import type { BenchPage } from "./pages.ts";
import type { LongFrame } from "./probe.ts";

const HERE = path.dirname(fileURLToPath(import.meta.url));

export const METHOD = {
  dragMoves: 60,
  dragDistancePx: 450,
  movePacingMs: 16,
  typedText: "abcdefghijklmnopqrst",
  keyPacingMs: 50,
  /** How long a commit or a keypress may take before the run calls it missing. */
  timeoutMs: 5_000,
} as const;

/** What the driver needs to know of an editor; everything else is the shared method. */
export interface Editor {
  name: string;
  /** Opens the page of `size` blocks and resolves once its last block is on the canvas. */
  open(page: Page, bench: BenchPage): Promise<void>;
  /** Where the probe finds blocks: the canvas, block elements in it, and their id attribute. */
  selectors: { canvas: string; block: string; idAttr: string };
  /** The element pressed to drag a block (a handle, or the block itself). */
  dragHandle(page: Page, id: string): Locator;
  /** Selects a block on the canvas; resolves with the inspector's field for its title text. */
  selectTitle(page: Page, id: string): Promise<Locator>;
  /** When the new order was committed to the editor's store (page clock), if it says so itself. */
  storeCommit?(page: Page, after: number, id: string): Promise<number | null>;
}

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? Number.NaN };
}

export interface EditorRun {
  editor: string;
  blocks: number;
  /** ms from navigation to the last block on the canvas. */
  loadMs: number;
  drag: {
    /** The drag's longest long animation frame, with its longest scripts (where the time went). */
    worstFrame: LongFrame | null;
    /** When it started, ms after the mouse-down (the first move comes ~16 ms after it). */
    worstFrameAtMs: number | null;
    frames: Stats;
    /** Pointer move -> the animation frame whose callbacks ran after its listeners. */
    moveAccepted: Stats;
    /** Pointer move -> the first frame after the tasks its listeners queued (a deferred render). */
    moveShown: Stats;
    /** The driver's `mouse.move` round trip (dispatch -> Chromium's acknowledgement). */
    moveAck: Stats;
    longFrames: number;
    longestFrameMs: number;
  };
  drop: {
    /** pointer-up -> the new order committed (the store when the editor reports it, else the DOM). */
    commitMs: number | null;
    /** pointer-up -> the DOM showing the dragged block elsewhere. */
    domMs: number | null;
    committedBy: "store" | "dom";
    /** The longest frame from pointer-up to the first frame after the commit. */
    maxFrameMs: number;
    longFrames: number;
    moved: boolean;
  };
  typing: { latency: Stats; frames: Stats; longFrames: number; missed: number };
  longFrameKind: string;
  errors: string[];
}

/**
 * With DESIGNER_BENCH_PROFILE=<dir>: a CPU profile of the page's main thread from the drag's first
 * move to the drop's commit, written as <dir>/<editor>-<blocks>-<time>.cpuprofile (for DevTools or
 * any .cpuprofile reader). The profiler's sampling costs time itself: not for figures to report.
 */
async function startProfile(page: Page): Promise<{ stop(name: string): Promise<void> } | null> {
  const dir = process.env.DESIGNER_BENCH_PROFILE;
  if (!dir) return null;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 250 });
  await cdp.send("Profiler.start");
  return {
    async stop(name) {
      const { profile } = await cdp.send("Profiler.stop");
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, `${name}-${Date.now()}.cpuprofile`), JSON.stringify(profile));
      await cdp.detach();
    },
  };
}

let probeScript: Promise<string> | undefined;

/** probe.ts as a classic script (types stripped, the module marker dropped). */
export function probe(): Promise<string> {
  probeScript ??= readFile(path.join(HERE, "probe.ts"), "utf8")
    .then((src) => transformWithOxc(src, "probe.ts", { lang: "ts" }))
    .then((out) => out.code.replace(/^export\s*\{[^}]*\};?\s*$/m, ""));
  return probeScript;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for one or two animation frames in the page. */
function frames(page: Page, n = 2): Promise<void> {
  return page.evaluate(
    (count) =>
      new Promise<void>((resolve) => {
        let left = count;
        const step = () => (--left <= 0 ? resolve() : requestAnimationFrame(step));
        requestAnimationFrame(step);
      }),
    n,
  );
}

function longest(list: LongFrame[]): number {
  return list.reduce((m, f) => Math.max(m, f.duration), 0);
}

export interface Floor {
  frames: Stats;
  moveAccepted: Stats;
  moveShown: Stats;
  moveAck: Stats;
}

/**
 * Presses at (x, y) and moves down the method's distance in its paced moves. Resolves with each
 * move's round trip as the driver sees it (Chromium answers once the renderer took the event).
 */
async function paceDrag(page: Page, x: number, y: number): Promise<number[]> {
  await page.mouse.down();
  const acks: number[] = [];
  const step = METHOD.dragDistancePx / METHOD.dragMoves;
  for (let i = 1; i <= METHOD.dragMoves; i++) {
    const sent = performance.now();
    await page.mouse.move(x + (i % 2), y + step * i);
    const took = performance.now() - sent;
    acks.push(took);
    if (took < METHOD.movePacingMs) await sleep(METHOD.movePacingMs - took);
  }
  return acks;
}

/** The same drag on a blank page with no listeners: what the machine and the method cost alone. */
export async function measureFloor(page: Page): Promise<Floor> {
  await page.goto("data:text/html,<body style='margin:0'><div style='height:2000px'></div></body>");
  await sleep(500);
  await page.mouse.move(200, 100);
  const from = await page.evaluate(() => {
    const b = window.__bench;
    if (b) {
      b.moves = [];
      b.recordMoves = true;
    }
    return performance.now();
  });
  const acks = await paceDrag(page, 200, 100);
  await page.mouse.up();
  await frames(page, 3);
  const got = await page.evaluate((since) => {
    const b = window.__bench;
    return b ? { deltas: b.slice(since, performance.now()).deltas, moves: b.moves } : null;
  }, from);
  if (!got) throw new Error("the probe is missing on a blank page");
  return {
    frames: stats(got.deltas),
    moveAccepted: stats(got.moves.map((m) => m.t1 - m.t0)),
    moveShown: stats(got.moves.map((m) => m.t2 - m.t0)),
    moveAck: stats(acks),
  };
}

export async function measureEditor(page: Page, editor: Editor, bench: BenchPage): Promise<EditorRun> {
  const errors: string[] = [];
  const t0 = Date.now();
  await editor.open(page, bench);
  const loadMs = Date.now() - t0;
  await page.evaluate((config) => {
    const b = window.__bench;
    if (b) b.config = config;
  }, editor.selectors);
  const start = await page.evaluate(() => window.__bench?.domOrder() ?? []);
  const roots = new Set(bench.rootIds);
  if (start.filter((b) => roots.has(b)).join() !== bench.rootIds.join()) {
    throw new Error(`${editor.name}: the canvas does not show the ${bench.size}-block page as generated`);
  }
  // Let the editor settle (fonts, effects, idle callbacks) before measuring.
  await sleep(1_000);
  await frames(page);

  // (a) the drag
  const id = bench.rootIds[2];
  if (!id) throw new Error("the page has fewer than 3 root blocks");
  const handle = editor.dragHandle(page, id);
  await handle.scrollIntoViewIfNeeded();
  const box = await handle.boundingBox();
  if (!box) throw new Error(`${editor.name}: block ${id} has no box`);
  const x = box.x + box.width / 2;
  const y = box.y + Math.min(box.height / 2, 12);
  await page.mouse.move(x, y);
  await frames(page);
  const dragStart = await page.evaluate(() => {
    const b = window.__bench;
    if (b) {
      b.moves = [];
      b.recordMoves = true;
    }
    return performance.now();
  });
  const profiler = await startProfile(page);
  const acks = await paceDrag(page, x, y);
  // (b) the drop
  await page.evaluate((dragged) => {
    const b = window.__bench;
    if (b) {
      b.recordMoves = false;
      b.armDrop(dragged);
    }
  }, id);
  await page.mouse.up();
  let dom = -1;
  let up = -1;
  const waitUntil = Date.now() + METHOD.timeoutMs;
  while (Date.now() < waitUntil) {
    ({ dom, up } = await page.evaluate(() => ({
      dom: window.__bench?.drop?.domCommit ?? -1,
      up: window.__bench?.drop?.up ?? -1,
    })));
    // An editor that reports its store commit is read from that (its DOM may move during the drag).
    if (dom >= 0 || (editor.storeCommit && up >= 0)) break;
    await sleep(20);
  }
  let store: number | null = null;
  if (editor.storeCommit && up >= 0) {
    store = await editor.storeCommit(page, up, id);
    dom = await page.evaluate(() => window.__bench?.drop?.domCommit ?? -1);
  }
  await profiler?.stop(`${editor.name.replace(/\W+/g, "-")}-${bench.size}`);
  const committedBy = editor.storeCommit ? "store" : "dom";
  const commitAt = editor.storeCommit ? store : dom >= 0 ? dom : null;
  if (up < 0) errors.push("no pointerup seen");
  if (commitAt === null) errors.push("the drop was not committed within the time limit");
  await frames(page, 3);
  const after = await page.evaluate(() => window.__bench?.domOrder() ?? []);
  const moved = after.indexOf(id) > bench.rootIds.indexOf(id) && after.length > 0;
  if (!moved) errors.push(`block ${id} did not move down (now at ${after.indexOf(id)})`);
  const dropped = await page.evaluate(
    ({ from, until, dragFrom }) => {
      const b = window.__bench;
      if (!b) return null;
      const painted = until >= 0 ? b.frameAfter(until) : performance.now();
      return {
        drop: b.slice(from, painted < 0 ? performance.now() : painted),
        drag: b.slice(dragFrom, from),
        moves: b.moves,
        kind: b.longFrameKind,
      };
    },
    { from: up, until: commitAt ?? -1, dragFrom: dragStart },
  );
  if (!dropped) throw new Error(`${editor.name}: the probe is missing`);

  // (c) typing into the inspector
  await sleep(500);
  const field = await editor.selectTitle(page, bench.typing.id);
  await field.click();
  await page.keyboard.press("End");
  await sleep(300);
  await frames(page);
  const base = await field.inputValue();
  await page.evaluate(({ blockId, text, typed }) => window.__bench?.armTyping(blockId, text, typed), {
    blockId: bench.typing.id,
    text: base,
    typed: METHOD.typedText,
  });
  const typingStart = await page.evaluate(() => performance.now());
  for (const ch of METHOD.typedText) {
    const sent = Date.now();
    await page.keyboard.press(ch);
    const left = METHOD.keyPacingMs - (Date.now() - sent);
    if (left > 0) await sleep(left);
  }
  const typedUntil = Date.now() + METHOD.timeoutMs;
  let typing = await page.evaluate(() => window.__bench?.typing ?? null);
  while (typing && typing.shown.length < typing.keydown.length && Date.now() < typedUntil) {
    await sleep(20);
    typing = await page.evaluate(() => window.__bench?.typing ?? null);
  }
  await frames(page);
  const typingSlice = await page.evaluate(
    (from) => window.__bench?.slice(from, performance.now()) ?? null,
    typingStart,
  );
  const latencies = (typing?.shown ?? []).map((t, i) => t - (typing?.keydown[i] ?? t));
  const missed = METHOD.typedText.length - latencies.length;
  if (missed > 0) errors.push(`${missed} of ${METHOD.typedText.length} keypresses never reached the canvas`);
  if ((typing?.keydown.length ?? 0) !== METHOD.typedText.length) {
    errors.push(`${typing?.keydown.length ?? 0} keydowns seen for ${METHOD.typedText.length} keys`);
  }

  const run: EditorRun = {
    editor: editor.name,
    blocks: bench.size,
    loadMs,
    drag: {
      worstFrame: dropped.drag.longFrames.reduce<LongFrame | null>(
        (w, f) => (w === null || f.duration > w.duration ? f : w),
        null,
      ),
      worstFrameAtMs: null,
      frames: stats(dropped.drag.deltas),
      moveAccepted: stats(dropped.moves.map((m) => m.t1 - m.t0)),
      moveShown: stats(dropped.moves.map((m) => m.t2 - m.t0)),
      moveAck: stats(acks),
      longFrames: dropped.drag.longFrames.length,
      longestFrameMs: longest(dropped.drag.longFrames),
    },
    drop: {
      commitMs: commitAt === null || up < 0 ? null : commitAt - up,
      domMs: dom < 0 || up < 0 ? null : dom - up,
      committedBy,
      maxFrameMs: Math.max(0, ...dropped.drop.deltas),
      longFrames: dropped.drop.longFrames.length,
      moved,
    },
    typing: {
      latency: stats(latencies),
      frames: stats(typingSlice?.deltas ?? []),
      longFrames: typingSlice?.longFrames.length ?? 0,
      missed,
    },
    longFrameKind: dropped.kind,
    errors,
  };
  const worst = run.drag.worstFrame;
  if (worst) run.drag.worstFrameAtMs = worst.start - dragStart;
  return run;
}
