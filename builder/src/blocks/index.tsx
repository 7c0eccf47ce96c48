// The block views: BlockView renders one block of a page document exactly as its display(props, ctx)
// says (the code the mini-program runs too), PageView a whole page under the store's theme. Used by
// the designer canvas (editing) and the phone preview. A block that cannot be shown (unknown type,
// props failing the registry's schema, a view that throws) becomes a small placeholder, never an error.
import {
  applyTheme,
  type BlockDefinition,
  type DisplayStore,
  findBlock,
  type TBlockNode,
  type TPageData,
  type TPageDocument,
  type TStoreTheme,
} from "@mallwright/schema";
import { carousel } from "@mallwright/schema/page/blocks/carousel";
import { categoryNav } from "@mallwright/schema/page/blocks/category-nav";
import { container } from "@mallwright/schema/page/blocks/container";
import { divider } from "@mallwright/schema/page/blocks/divider";
import { hotzone } from "@mallwright/schema/page/blocks/hotzone";
import { image } from "@mallwright/schema/page/blocks/image";
import { imageCube } from "@mallwright/schema/page/blocks/image-cube";
import { imageNav } from "@mallwright/schema/page/blocks/image-nav";
import { notice } from "@mallwright/schema/page/blocks/notice";
import { productGrid } from "@mallwright/schema/page/blocks/product-grid";
import { productScroll } from "@mallwright/schema/page/blocks/product-scroll";
import { richText } from "@mallwright/schema/page/blocks/rich-text";
import { searchBar } from "@mallwright/schema/page/blocks/search-bar";
import { spacer } from "@mallwright/schema/page/blocks/spacer";
import { storeHeader } from "@mallwright/schema/page/blocks/store-header";
import { title } from "@mallwright/schema/page/blocks/title";
import { video } from "@mallwright/schema/page/blocks/video";
import { Component, type ComponentType, type CSSProperties, memo, type ReactNode, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { localized } from "../i18n/index.ts";
import { CarouselView } from "./carousel/view.tsx";
import { CategoryNavView } from "./category-nav/view.tsx";
import { ContainerView } from "./container/view.tsx";
import { DividerView } from "./divider/view.tsx";
import { HotzoneView } from "./hotzone/view.tsx";
import { ImageView } from "./image/view.tsx";
import { ImageCubeView } from "./image-cube/view.tsx";
import { ImageNavView } from "./image-nav/view.tsx";
import { NoticeView } from "./notice/view.tsx";
import { ProductGridView } from "./product-grid/view.tsx";
import { ProductScrollView } from "./product-scroll/view.tsx";
import { RichTextView } from "./rich-text/view.tsx";
import { SearchBarView } from "./search-bar/view.tsx";
import { SpacerView } from "./spacer/view.tsx";
import { StoreHeaderView } from "./store-header/view.tsx";
import { TitleView } from "./title/view.tsx";
import { VideoView } from "./video/view.tsx";
import type { ViewProps } from "./view-kit.tsx";
import "./blocks.css";
import "./messages.ts";

/** What blocks render against besides their props (DisplayContext without the block id). */
export interface BlockContext {
  data: TPageData;
  theme: TStoreTheme;
  store?: DisplayStore;
}

export interface BlockViewProps {
  node: TBlockNode;
  ctx: BlockContext;
  /** How a container's children are drawn (the designer wraps them in droppables); default: a BlockView each in a grid. */
  renderChildren?: (children: TBlockNode[], node: TBlockNode) => ReactNode;
  /** On the designer canvas: hints where a block is empty, hot areas outlined, nothing plays by itself. */
  editing?: boolean;
}

type Rendered = { ok: true; element: ReactNode } | { ok: false; issues: string[] };

interface ViewEntry {
  render(node: TBlockNode, ctx: BlockContext, editing: boolean, children: ReactNode): Rendered;
}

/** Pairs a block definition with its view, keeping display()'s type between them. */
function viewOf<S extends BlockDefinition["props"], D>(
  def: BlockDefinition<S, D>,
  View: ComponentType<ViewProps<D>>,
): [string, ViewEntry] {
  return [
    def.type,
    {
      render(node, ctx, editing, children) {
        const parsed = def.props.safeParse(node.props);
        if (!parsed.success) {
          return {
            ok: false,
            issues: parsed.error.issues.map((i) => `${["props", ...i.path.map(String)].join(".")}: ${i.message}`),
          };
        }
        const display = def.display(parsed.data, { blockId: node.id, ...ctx });
        return {
          ok: true,
          element: (
            <View display={display} node={node} editing={editing}>
              {children}
            </View>
          ),
        };
      },
    },
  ];
}

const VIEWS: ReadonlyMap<string, ViewEntry> = new Map([
  viewOf(container, ContainerView),
  viewOf(storeHeader, StoreHeaderView),
  viewOf(searchBar, SearchBarView),
  viewOf(notice, NoticeView),
  viewOf(carousel, CarouselView),
  viewOf(imageNav, ImageNavView),
  viewOf(title, TitleView),
  viewOf(richText, RichTextView),
  viewOf(image, ImageView),
  viewOf(imageCube, ImageCubeView),
  viewOf(hotzone, HotzoneView),
  viewOf(video, VideoView),
  viewOf(categoryNav, CategoryNavView),
  viewOf(productGrid, ProductGridView),
  viewOf(productScroll, ProductScrollView),
  viewOf(spacer, SpacerView),
  viewOf(divider, DividerView),
]);

/** Block types that have a view (every type of the registry: a test holds it to that). */
export const BLOCK_VIEW_TYPES: readonly string[] = [...VIEWS.keys()];

export function hasBlockView(type: string): boolean {
  return VIEWS.has(type);
}

/** The small box shown instead of a block that cannot be shown. */
function BlockProblem({
  node,
  kind,
  issues = [],
}: {
  node: TBlockNode;
  kind: "unknown" | "invalid" | "failed";
  issues?: string[];
}) {
  const { t, i18n } = useTranslation();
  const def = findBlock(node.type);
  const label = def ? localized(def.label, i18n.language) : node.type;
  const message =
    kind === "unknown"
      ? t("blocks.unknownType", { type: node.type })
      : kind === "invalid"
        ? t("blocks.invalidProps", { label })
        : t("blocks.renderFailed", { label });
  return (
    <div className="mw-block mw-problem" role="note" data-block-problem={kind} data-block-type={node.type}>
      <strong>{message}</strong>
      {issues.slice(0, 3).map((issue) => (
        <code key={issue}>{issue}</code>
      ))}
    </div>
  );
}

/** Keeps one block's failure to itself: the rest of the page still renders. */
class BlockBoundary extends Component<{ node: TBlockNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidUpdate(prev: { node: TBlockNode }) {
    // A changed block gets another chance (the merchant may just have fixed it).
    if (this.state.failed && prev.node !== this.props.node) this.setState({ failed: false });
  }
  override render() {
    return this.state.failed ? <BlockProblem node={this.props.node} kind="failed" /> : this.props.children;
  }
}

function BlockContent({ node, ctx, renderChildren, editing = false }: BlockViewProps) {
  const entry = VIEWS.get(node.type);
  const def = findBlock(node.type);
  if (!entry || !def) return <BlockProblem node={node} kind="unknown" />;
  let children: ReactNode = null;
  if (def.children) {
    const nodes = node.children ?? [];
    children = renderChildren ? (
      renderChildren(nodes, node)
    ) : (
      <div className="mw-container-grid">
        {nodes.map((child) => (
          <BlockView key={child.id} node={child} ctx={ctx} editing={editing} />
        ))}
      </div>
    );
  }
  const rendered = entry.render(node, ctx, editing, children);
  if (!rendered.ok) return <BlockProblem node={node} kind="invalid" issues={rendered.issues} />;
  return rendered.element;
}

/**
 * One block of a page. Memoised: the same node object (and ctx, renderChildren, editing) renders
 * nothing again, so a change to one block re-renders that block only.
 */
export const BlockView = memo(function BlockView(props: BlockViewProps) {
  return (
    <BlockBoundary node={props.node}>
      <BlockContent {...props} />
    </BlockBoundary>
  );
});

const BUTTON_RADIUS: Record<TStoreTheme["buttonStyle"], string> = { rounded: "6px", square: "0", pill: "999px" };

/** The store theme as the CSS variables the block styles read (--mw-primary, --mw-radius, …). */
export function themeStyle(theme: TStoreTheme): CSSProperties {
  const vars: Record<`--mw-${string}`, string> = {
    "--mw-primary": theme.colors.primary,
    "--mw-secondary": theme.colors.secondary,
    "--mw-bg": theme.colors.background,
    "--mw-surface": theme.colors.surface,
    "--mw-text": theme.colors.text,
    "--mw-muted": theme.colors.muted,
    "--mw-price": theme.colors.price,
    "--mw-radius": `${theme.radius}px`,
    "--mw-button-radius": BUTTON_RADIUS[theme.buttonStyle],
  };
  return Object.assign({}, vars);
}

export interface PageViewProps {
  document: Pick<TPageDocument, "blocks" | "theme">;
  data: TPageData;
  /** The store's theme; the page's own overrides (document.theme) are merged over it. */
  theme: TStoreTheme;
  store?: DisplayStore;
  editing?: boolean;
}

/** A whole page: its blocks in order on the page background, under the merged theme's variables. */
export function PageView({ document, data, theme, store, editing = false }: PageViewProps) {
  const merged = useMemo(() => applyTheme(theme, document.theme), [theme, document.theme]);
  const ctx = useMemo<BlockContext>(
    () => ({ data, theme: merged, ...(store ? { store } : {}) }),
    [data, merged, store],
  );
  const style = useMemo(() => themeStyle(merged), [merged]);
  return (
    <div className="mw-page" style={style}>
      {document.blocks.map((node) => (
        <BlockView key={node.id} node={node} ctx={ctx} editing={editing} />
      ))}
    </div>
  );
}
