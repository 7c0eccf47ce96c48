// The designer case of `npm run bench` (issue 5): Mallwright's designer and Puck 0.23 measured by
// the same method (measure.ts) in Debian Chromium on a 500-block and a 50-block page, in one run.
// Returns what goes into the results JSON, and prints the comparison table with the goals.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { launch, newPage } from "./browser.ts";
import {
  buildBuilder,
  type MallwrightServer,
  mallwrightEditor,
  startMallwright,
  stopMallwright,
} from "./mallwright.ts";
import { type Editor, type EditorRun, type Floor, METHOD, measureEditor, measureFloor, stats } from "./measure.ts";
import { type BenchPage, benchPage } from "./pages.ts";
import { buildPuckApp, serveDir } from "./puck/build.ts";
import { puckEditor } from "./puck/editor.ts";

type Log = (msg: string) => void;

/** One measured figure: where it is read from a run, and its goal for Mallwright at 500 blocks. */
interface Figure {
  key: string;
  label: string;
  read: (r: EditorRun) => number | null;
  /** The most this figure may be at 500 blocks (ms), if it has a goal of its own. */
  goal?: number;
}

const FIGURES: Figure[] = [
  { key: "dragFrameP95", label: "drag: frame delta p95", read: (r) => r.drag.frames.p95 },
  { key: "dragFrameMax", label: "drag: frame delta max", read: (r) => r.drag.frames.max, goal: 33 },
  { key: "moveAcceptedP50", label: "drag: move accepted p50", read: (r) => r.drag.moveAccepted.p50, goal: 17 },
  { key: "moveAcceptedP95", label: "drag: move accepted p95", read: (r) => r.drag.moveAccepted.p95 },
  { key: "moveShownP50", label: "drag: move shown p50", read: (r) => r.drag.moveShown.p50 },
  { key: "moveAckP50", label: "drag: move ack (driver) p50", read: (r) => r.drag.moveAck.p50 },
  { key: "dropCommit", label: "drop: mouse-up -> committed", read: (r) => r.drop.commitMs, goal: 100 },
  { key: "dropMaxFrame", label: "drop: longest frame", read: (r) => r.drop.maxFrameMs, goal: 50 },
  { key: "typingP50", label: "typing: key -> canvas p50", read: (r) => r.typing.latency.p50 },
  { key: "typingP95", label: "typing: key -> canvas p95", read: (r) => r.typing.latency.p95, goal: 20 },
];
/** Every 500-block figure within this multiple of the 50-block one. */
const SCALING_GOAL = 1.5;
/** Measurements of each editor and page (fresh browser context each); figures are their medians. */
export const REPEAT = Number(process.env.DESIGNER_BENCH_REPEAT ?? 3);

export interface Comparison {
  figure: string;
  label: string;
  mallwright50: number | null;
  mallwright500: number | null;
  puck50: number | null;
  puck500: number | null;
  /** Mallwright at 500 / at 50 blocks. */
  scaling: number | null;
  /** Mallwright / Puck, 500 blocks. */
  vsPuck500: number | null;
  /** Mallwright / Puck, 50 blocks. */
  vsPuck50: number | null;
  goalMs: number | null;
  /** Against the figure's own goal (null: it has none, or was not measured). */
  meetsGoal: boolean | null;
  /** 500 within 1.5x of 50 (null: not measured). */
  meetsScaling: boolean | null;
}

export interface DesignerResult {
  method: typeof METHOD & { viewport: string; browser: string; pages: string };
  /** Runs of each editor and page; the comparison takes the median of each figure over them. */
  repeat: number;
  /** Who served the builder to Chromium (null: ours was not measured). */
  builderServedBy: "platform" | "bench" | null;
  /** The method on a blank page (a 2,000 px div, no listeners): the floor of the drag figures. */
  floor: Floor;
  runs: EditorRun[];
  /** Editors or sizes that could not be measured, with why. */
  failures: { editor: string; blocks: number | null; error: string }[];
  comparison: Comparison[];
  seconds: number;
}

const ratio = (a: number | null, b: number | null) => (a === null || b === null || b <= 0 ? null : a / b);

function compare(runs: EditorRun[]): Comparison[] {
  return FIGURES.map((f) => {
    /** The median of the figure over the repeated runs of an editor and page. */
    const value = (editor: string, blocks: number) => {
      const values = runs
        .filter((r) => r.editor.startsWith(editor) && r.blocks === blocks)
        .map(f.read)
        .filter((v): v is number => v !== null && !Number.isNaN(v));
      return values.length === 0 ? null : stats(values).p50;
    };
    const m50 = value("Mallwright", 50);
    const m500 = value("Mallwright", 500);
    const p50 = value("Puck", 50);
    const p500 = value("Puck", 500);
    const scaling = ratio(m500, m50);
    return {
      figure: f.key,
      label: f.label,
      mallwright50: m50,
      mallwright500: m500,
      puck50: p50,
      puck500: p500,
      scaling,
      vsPuck500: ratio(m500, p500),
      vsPuck50: ratio(m50, p50),
      goalMs: f.goal ?? null,
      meetsGoal: f.goal === undefined || m500 === null ? null : m500 <= f.goal,
      // Below a frame either way is no regression: a 3 ms figure that becomes 5 ms is still one frame.
      meetsScaling: scaling === null || m500 === null ? null : scaling <= SCALING_GOAL || m500 <= 17,
    };
  });
}

async function measureOne(
  editor: Editor,
  page: BenchPage,
  log: Log,
  browser: Awaited<ReturnType<typeof launch>>,
  rep: number,
) {
  log(`designer: ${editor.name}, ${page.size} blocks (${rep}/${REPEAT})`);
  const tab = await newPage(browser);
  const pageErrors: string[] = [];
  tab.on("pageerror", (e) => pageErrors.push(e.message));
  try {
    const run = await measureEditor(tab, editor, page);
    run.errors.push(...pageErrors.map((e) => `page error: ${e}`));
    return run;
  } finally {
    await tab.context().close();
  }
}

export async function runDesignerCase(log: Log): Promise<DesignerResult> {
  const started = Date.now();
  const tmp = mkdtempSync(path.join(os.tmpdir(), "mallwright-designer-bench-"));
  const pages = [benchPage(50), benchPage(500)];
  const runs: EditorRun[] = [];
  const failures: DesignerResult["failures"] = [];
  let server: MallwrightServer | undefined;
  let builderServedBy: MallwrightServer["builderServedBy"] | null = null;
  let puckSite: { url: string; close(): void } | undefined;
  let browser: Awaited<ReturnType<typeof launch>> | undefined;
  try {
    log("designer: building the Puck app and the builder");
    await buildPuckApp(path.join(tmp, "puck"), pages);
    puckSite = await serveDir(path.join(tmp, "puck"));
    const editors: Editor[] = [puckEditor(puckSite.url)];
    try {
      await buildBuilder(path.join(tmp, "builder"));
      server = await startMallwright(path.join(tmp, "data"), path.join(tmp, "builder"), REPEAT);
      editors.unshift(mallwrightEditor(server));
      builderServedBy = server.builderServedBy;
      log(`designer: the builder is served by ${server.builderServedBy === "platform" ? "the platform" : "serve.ts"}`);
    } catch (err) {
      failures.push({ editor: "Mallwright", blocks: null, error: message(err) });
      log(`designer: Mallwright cannot be measured: ${message(err).split("\n")[0]}`);
    }
    browser = await launch();
    const floorTab = await newPage(browser);
    const floor = await measureFloor(floorTab);
    await floorTab.context().close();
    for (let rep = 1; rep <= REPEAT; rep++) {
      for (const page of pages) {
        for (const editor of editors) {
          if (failures.some((f) => f.editor === editor.name && f.blocks === page.size)) continue;
          try {
            runs.push(await measureOne(editor, page, log, browser, rep));
          } catch (err) {
            failures.push({ editor: editor.name, blocks: page.size, error: message(err) });
            log(`designer: ${editor.name}, ${page.size} blocks failed: ${message(err).split("\n")[0]}`);
          }
        }
      }
    }
    const version = browser.version();
    return {
      method: {
        ...METHOD,
        viewport: "1440x900",
        browser: `Chromium ${version} (headless)`,
        pages: "500 blocks: 400 at the root, 20 containers of 5; 50 blocks: 40 at the root, 2 containers of 5",
      },
      repeat: REPEAT,
      builderServedBy,
      floor,
      runs,
      failures,
      comparison: compare(runs),
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await browser?.close();
    puckSite?.close();
    await stopMallwright(server);
    rmSync(tmp, { recursive: true, force: true });
  }
}

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

/** An error's message without terminal colours, cut to a readable length. */
function message(err: unknown): string {
  const text = (err instanceof Error ? err.message : String(err)).replace(ANSI, "");
  return text.length > 2_000 ? `${text.slice(0, 2_000)}…` : text;
}

const ms = (v: number | null) => (v === null || Number.isNaN(v) ? "—" : v.toFixed(1));
const x = (v: number | null) => (v === null || Number.isNaN(v) ? "—" : `${v.toFixed(2)}x`);
const verdict = (v: boolean | null) => (v === null ? "—" : v ? "pass" : "FAIL");

export function printDesignerTable(result: DesignerResult): void {
  const rows = [
    [
      "figure (ms)",
      "ours 50",
      "ours 500",
      "500/50",
      "Puck 50",
      "Puck 500",
      "ours/Puck 500",
      "goal",
      "goal?",
      "<=1.5x?",
    ],
    ...result.comparison.map((c) => [
      c.label,
      ms(c.mallwright50),
      ms(c.mallwright500),
      x(c.scaling),
      ms(c.puck50),
      ms(c.puck500),
      x(c.vsPuck500),
      c.goalMs === null ? "" : `<= ${c.goalMs}`,
      verdict(c.meetsGoal),
      verdict(c.meetsScaling),
    ]),
  ];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  const line = (r: string[]) =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  ");
  process.stdout.write(
    `\nDesigner (${result.method.browser}; frame deltas by requestAnimationFrame; medians of ${result.repeat} runs each)\n`,
  );
  process.stdout.write(`${line(rows[0] ?? [])}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n`);
  for (const r of rows.slice(1)) process.stdout.write(`${line(r)}\n`);
  const f = result.floor;
  process.stdout.write(
    `  floor (blank page, same drag): frame delta p95 ${ms(f.frames.p95)} / max ${ms(f.frames.max)}; move accepted p50 ${ms(f.moveAccepted.p50)} / p95 ${ms(f.moveAccepted.p95)}; move shown p50 ${ms(f.moveShown.p50)}; move ack p50 ${ms(f.moveAck.p50)}\n`,
  );
  for (const run of result.runs) {
    const notes = [
      `load ${run.loadMs} ms`,
      `long frames: drag ${run.drag.longFrames} (longest ${run.drag.longestFrameMs.toFixed(0)} ms), drop ${run.drop.longFrames}, typing ${run.typing.longFrames}`,
      `drop committed by ${run.drop.committedBy}`,
      ...(run.drag.worstFrame
        ? [
            `worst drag frame ${run.drag.worstFrame.duration.toFixed(0)} ms, ${run.drag.worstFrameAtMs?.toFixed(0)} ms after mouse-down: ${
              run.drag.worstFrame.scripts.map((s) => `${s.invoker || "?"} ${s.duration.toFixed(0)} ms`).join(", ") ||
              "no script attribution"
            }`,
          ]
        : []),
      ...run.errors,
    ];
    process.stdout.write(`  ${run.editor}, ${run.blocks} blocks: ${notes.join("; ")}\n`);
  }
  for (const f of result.failures) {
    process.stdout.write(
      `  NOT MEASURED ${f.editor}${f.blocks ? `, ${f.blocks} blocks` : ""}: ${f.error.split("\n")[0]}\n`,
    );
  }
}
