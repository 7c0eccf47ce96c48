// The Component() of every block: the registry's props as properties (generated from the registry:
// components/blocks/<type>/properties.ts), plus the block's id and the key of its page's context. It
// computes what the block shows with the registry's display(), the code the builder's canvas runs,
// and hands the template that result (through the block's `present`, which only turns it into
// styles, rpx and image sizes): WXML stays free of logic. Taps on anything with data-link navigate.
import type { DisplayContext } from "@mallwright/schema";
import { findBlock } from "../vendor/schema.ts";
import { isLink, openLink } from "./links.ts";
import { type PageContext, readPageContext } from "./page-context.ts";
import { getRuntime } from "./runtime.ts";

export interface PropertySpec {
  type: StringConstructor | NumberConstructor | BooleanConstructor | ObjectConstructor | ArrayConstructor | null;
  value: unknown;
}

export interface PresentEnv {
  blockId: string;
  ctx: PageContext;
  /** The block's props as the registry parsed them. */
  props: Record<string, unknown>;
}

export interface BlockInstance {
  data: Record<string, unknown> & { blockId: string; ctx: string; view: unknown };
  setData(data: Record<string, unknown>): void;
  /** JSON of what was rendered last: the same props, id and context render nothing again. */
  _rendered?: string;
  renderBlock(): void;
}

export interface BlockComponentSpec {
  type: string;
  /** Generated from the registry. */
  properties: Record<string, PropertySpec>;
  /** Property name -> registry prop name (generated). */
  propNames: Record<string, string>;
  /** The generated observer path list of every property. */
  observed: string;
  // biome-ignore lint/suspicious/noExplicitAny: each block's display() has its own result type
  present?: (display: any, env: PresentEnv) => unknown;
  /** Template data of the block's own besides `view` (e.g. a carousel's current slide). */
  data?: Record<string, unknown>;
  methods?: Record<string, (this: BlockInstance, ...args: never[]) => unknown>;
  /** After every render (e.g. a block that fetches what its props ask for). */
  rendered?: (this: BlockInstance, env: PresentEnv) => void;
}

type ComponentFn = (options: Record<string, unknown>) => void;

export function defineBlockComponent(spec: BlockComponentSpec): void {
  const def = findBlock(spec.type);
  if (!def) throw new Error(`block type ${spec.type} is not in the registry`);
  (Component as unknown as ComponentFn)({
    options: { pureDataPattern: /^_/ },
    properties: {
      ...spec.properties,
      blockId: { type: String, value: "" },
      ctx: { type: String, value: "" },
    },
    data: { ...spec.data, view: null },
    observers: {
      [`${spec.observed ? `${spec.observed}, ` : ""}blockId, ctx`](this: BlockInstance) {
        this.renderBlock();
      },
    },
    lifetimes: {
      attached(this: BlockInstance) {
        this.renderBlock();
      },
    },
    methods: {
      renderBlock(this: BlockInstance) {
        const props: Record<string, unknown> = {};
        for (const [property, prop] of Object.entries(spec.propNames)) props[prop] = this.data[property];
        const { blockId, ctx: key } = this.data;
        const signature = JSON.stringify([blockId, key, props]);
        if (signature === this._rendered) return;
        this._rendered = signature;
        const ctx = readPageContext(key);
        const env: PresentEnv = { blockId, ctx, props };
        let view: unknown = null;
        try {
          const displayCtx: DisplayContext = {
            blockId,
            data: ctx.data,
            theme: ctx.theme,
            ...(ctx.store ? { store: ctx.store } : {}),
          };
          const display = def.display(props, displayCtx);
          view = spec.present ? spec.present(display, env) : display;
        } catch (err) {
          // One block that cannot be shown must not take the page down.
          console.error(`[mallwright] block ${blockId} (${spec.type}) failed to render`, err);
          view = null;
        }
        this.setData({ view });
        spec.rendered?.call(this, env);
      },
      onLinkTap(e: { currentTarget: { dataset: { link?: unknown } } }) {
        const link = e.currentTarget.dataset.link;
        if (!isLink(link)) return;
        const runtime = getRuntime();
        openLink(runtime.wx, link, runtime.api.ext.webViewDomains);
      },
      ...spec.methods,
    },
  });
}
