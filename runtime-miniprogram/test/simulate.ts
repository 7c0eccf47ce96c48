// miniprogram-simulate (WeChat's component test tool) over the built mini-program: components are
// loaded from the build the global setup made, so the tests run the JavaScript that ships. Modules of
// the build (page contexts, the runtime) are reached through distRequire: the same instances the
// components use.
import { createRequire } from "node:module";
import { join } from "node:path";
import { inject } from "vitest";

const require = createRequire(import.meta.url);

export interface SimulatedComponent {
  dom: HTMLElement;
  instance: Record<string, unknown> & {
    data: Record<string, unknown>;
    setData(data: Record<string, unknown>): void;
  };
  data: Record<string, unknown>;
  attach(parent: Element): void;
  detach(): void;
  setData(data: Record<string, unknown>, callback?: () => void): void;
  querySelector(selector: string): SimulatedComponent | undefined;
  querySelectorAll(selector: string): SimulatedComponent[];
  dispatchEvent(name: string, detail?: Record<string, unknown>): void;
  triggerLifeTime(name: string): void;
  triggerPageLifeTime(name: string, ...args: unknown[]): void;
}

interface Simulate {
  load(path: string, options?: Record<string, unknown>): string;
  render(id: string, properties?: Record<string, unknown>): SimulatedComponent;
  sleep(ms?: number): Promise<void>;
}

export const simulate: Simulate = require("miniprogram-simulate");

/** UTF-8 bytes of every setData call of every component since the last takeSetDataLog(). */
let setDataLog: { component: string; bytes: number }[] = [];

export function takeSetDataLog(): { component: string; bytes: number }[] {
  const log = setDataLog;
  setDataLog = [];
  return log;
}

// Every Component() the build registers records what its setData calls carry (the budgets).
const register = (globalThis as unknown as { Component: (o: Record<string, unknown>) => void }).Component;
(globalThis as unknown as { Component: (o: Record<string, unknown>) => void }).Component = (options) => {
  const lifetimes = (options.lifetimes ?? {}) as Record<string, (this: unknown) => void>;
  const created = lifetimes.created ?? (options.created as ((this: unknown) => void) | undefined);
  register({
    ...options,
    lifetimes: {
      ...lifetimes,
      created(this: { is?: string; setData: (d: Record<string, unknown>, cb?: () => void) => void }) {
        const setData = this.setData;
        const component = String(this.is ?? "");
        this.setData = function (data, cb) {
          setDataLog.push({ component, bytes: utf8Bytes(JSON.stringify(data)) });
          return setData.call(this, data, cb);
        };
        created?.call(this);
      },
    },
  });
};

export function utf8Bytes(s: string): number {
  return Buffer.byteLength(s, "utf8");
}

/** Elements under (and including) `root`, and how deep they nest. */
export function measureTree(root: Element): { nodes: number; depth: number } {
  let nodes = 0;
  let depth = 0;
  const walk = (el: Element, level: number) => {
    nodes += 1;
    depth = Math.max(depth, level);
    for (const child of Array.from(el.children)) walk(child, level + 1);
  };
  walk(root, 1);
  return { nodes, depth };
}

export function distDir(): string {
  return inject("runtimeDist");
}

/** A module of the build (CommonJS), e.g. distRequire("core/page-context.js"). */
export function distRequire<T>(file: string): T {
  return require(join(distDir(), file)) as T;
}

const loaded = new Map<string, string>();

/** Loads a component of the build by its path, e.g. "components/blocks/image/index". */
export function loadComponent(path: string): string {
  let id = loaded.get(path);
  if (!id) {
    id = simulate.load(join(distDir(), path), { rootPath: distDir() });
    loaded.set(path, id);
  }
  return id;
}

/** Renders a component of the build attached to the document. */
export function renderComponent(path: string, properties: Record<string, unknown> = {}): SimulatedComponent {
  const comp = simulate.render(loadComponent(path), properties);
  comp.attach(document.createElement("parent-wrapper"));
  return comp;
}
