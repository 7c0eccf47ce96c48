// The designer benchmark's in-page probe, injected into every page before it loads (the same
// script for Mallwright and Puck): a requestAnimationFrame loop recording frame times, a
// PerformanceObserver for long animation frames (long tasks where Chromium lacks them), and
// per-phase recorders for the drag's pointer moves, the drop's commit and the typing, all timed
// with performance.now() on the page's clock. The driver (measure.ts) reads window.__bench.
// Compiled to a plain script by measure.ts; no imports.

export interface LongFrame {
  start: number;
  duration: number;
  blocking: number;
  /** The long animation frame's longest scripts: what ran them (e.g. a pointermove listener, a posted task). */
  scripts: { invoker: string; fn: string; duration: number }[];
}

/** The parts of a long-animation-frame entry's script attribution the probe keeps. */
interface ScriptTiming {
  invoker?: string;
  sourceFunctionName?: string;
  duration: number;
}

export interface Probe {
  frames: number[];
  longFrames: LongFrame[];
  longFrameKind: string;
  /**
   * Drag: per pointer move, its timestamp (t0), the animation frame in which it was handled (t1:
   * a rAF asked for by the first listener runs in the frame after the listeners), and the first
   * frame after the tasks its listeners queued too, e.g. a deferred React render (t2).
   */
  moves: { t0: number; t1: number; t2: number }[];
  recordMoves: boolean;
  /** Drop: pointer-up time, and when the DOM showed the dragged block elsewhere. */
  drop: { up: number; domCommit: number; id: string; before: number } | null;
  /** Typing: keydown times and when the canvas block's text showed each key. */
  typing: { keydown: number[]; shown: number[]; id: string; base: string; typed: string } | null;
  /** Where blocks are: a CSS selector of block elements inside the canvas, and their id attribute. */
  config: { canvas: string; block: string; idAttr: string };
  domOrder(): string[];
  armDrop(id: string): void;
  armTyping(id: string, base: string, typed: string): void;
  /** Frame deltas whose frame ended in (from, to], and the long frames that overlap it. */
  slice(from: number, to: number): { deltas: number[]; longFrames: LongFrame[] };
  /** The first frame time after t (or -1). */
  frameAfter(t: number): number;
}

declare global {
  interface Window {
    __bench?: Probe;
  }
}

(() => {
  if (window.top !== window || window.__bench) return;
  const probe: Probe = {
    frames: [],
    longFrames: [],
    longFrameKind: "none",
    moves: [],
    recordMoves: false,
    drop: null,
    typing: null,
    config: { canvas: "body", block: "[data-block-id]", idAttr: "data-block-id" },
    domOrder() {
      const canvas = document.querySelector(probe.config.canvas);
      if (!canvas) return [];
      const ids: string[] = [];
      const seen = new Set<string>();
      for (const el of canvas.querySelectorAll(probe.config.block)) {
        const id = el.getAttribute(probe.config.idAttr);
        if (id && !seen.has(id)) {
          seen.add(id);
          ids.push(id);
        }
      }
      return ids;
    },
    armDrop(id) {
      probe.drop = { up: -1, domCommit: -1, id, before: probe.domOrder().indexOf(id) };
    },
    armTyping(id, base, typed) {
      probe.typing = { keydown: [], shown: [], id, base, typed };
    },
    slice(from, to) {
      const deltas: number[] = [];
      for (let i = 1; i < probe.frames.length; i++) {
        const end = probe.frames[i] ?? 0;
        if (end > from && end <= to) deltas.push(end - (probe.frames[i - 1] ?? end));
      }
      const longFrames = probe.longFrames.filter((f) => f.start + f.duration > from && f.start < to);
      return { deltas, longFrames };
    },
    frameAfter(t) {
      return probe.frames.find((f) => f > t) ?? -1;
    },
  };
  window.__bench = probe;

  const tick = (now: number) => {
    probe.frames.push(now);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);

  const types = PerformanceObserver.supportedEntryTypes;
  const kind = types.includes("long-animation-frame") ? "long-animation-frame" : "longtask";
  probe.longFrameKind = kind;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const blocking = "blockingDuration" in e && typeof e.blockingDuration === "number" ? e.blockingDuration : 0;
      // A frozen array: copied before sorting.
      const all: readonly ScriptTiming[] = "scripts" in e && Array.isArray(e.scripts) ? e.scripts : [];
      const scripts = [...all]
        .sort((a, b) => b.duration - a.duration)
        .slice(0, 3)
        .map((s) => ({ invoker: s.invoker ?? "", fn: s.sourceFunctionName ?? "", duration: s.duration }));
      probe.longFrames.push({ start: e.startTime, duration: e.duration, blocking, scripts });
    }
  }).observe({ type: kind, buffered: true });

  // A move is accepted at the animation frame whose callbacks run after its listeners (a rAF
  // asked for in the capture listener), and shown at the first frame after the tasks those
  // listeners queued as well (a posted task runs after them, then asks for a frame).
  const channel = new MessageChannel();
  const waiting: { t0: number; t1: number }[] = [];
  channel.port1.onmessage = () => {
    const batch = waiting.splice(0);
    requestAnimationFrame(() => {
      const t2 = performance.now();
      for (const m of batch) probe.moves.push({ t0: m.t0, t1: m.t1, t2 });
    });
  };
  window.addEventListener(
    "pointermove",
    (e) => {
      if (!probe.recordMoves) return;
      const coalesced = e.getCoalescedEvents?.() ?? [];
      const times = coalesced.length > 0 ? coalesced.map((c) => c.timeStamp) : [e.timeStamp];
      const moves = times.map((t0) => ({ t0, t1: -1 }));
      requestAnimationFrame(() => {
        const t1 = performance.now();
        for (const m of moves) m.t1 = t1;
        waiting.push(...moves);
        channel.port2.postMessage(null);
      });
    },
    { capture: true },
  );
  window.addEventListener(
    "pointerup",
    (e) => {
      if (probe.drop && probe.drop.up < 0) probe.drop.up = e.timeStamp;
    },
    { capture: true },
  );
  window.addEventListener(
    "keydown",
    (e) => {
      if (probe.typing && e.key.length === 1) probe.typing.keydown.push(e.timeStamp);
    },
    { capture: true },
  );

  const onMutations = () => {
    const now = performance.now();
    const drop = probe.drop;
    if (drop && drop.up >= 0 && drop.domCommit < 0) {
      const at = probe.domOrder().indexOf(drop.id);
      if (at >= 0 && at !== drop.before) drop.domCommit = now;
    }
    const typing = probe.typing;
    if (typing && typing.shown.length < typing.keydown.length) {
      const canvas = document.querySelector(probe.config.canvas);
      const el = canvas?.querySelector(`[${probe.config.idAttr}="${typing.id}"]`);
      const text = el?.textContent ?? "";
      while (
        typing.shown.length < typing.keydown.length &&
        text.includes(typing.base + typing.typed.slice(0, typing.shown.length + 1))
      ) {
        typing.shown.push(now);
      }
    }
  };
  const observer = new MutationObserver(onMutations);
  const start = () => observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
