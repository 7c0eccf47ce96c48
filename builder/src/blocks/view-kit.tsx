// What every block view shares: its props (the block's display() output and whether it is drawn in
// the designer), inert link areas, lazily loaded images and the designer-only placeholders of blocks
// that have nothing to show yet.
import type { TBlockNode, TLink } from "@mallwright/schema";
import type { CSSProperties, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import "./messages.ts";

export interface ViewProps<D> {
  /** Exactly what the block's display(props, ctx) returned. */
  display: D;
  node: TBlockNode;
  /** Drawn on the designer canvas: empty parts show hints, hot areas are outlined, nothing moves on its own. */
  editing: boolean;
  /** A container's children, already rendered (by BlockView or the designer's renderChildren). */
  children?: ReactNode;
}

/** Inline style plus CSS custom properties (React's style type has no names for those). */
export function withVars(style: CSSProperties, vars: Record<`--${string}`, string | number>): CSSProperties {
  return Object.assign({}, style, vars);
}

export function classes(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(" ");
}

/** Where a link goes, for the hover title (links never navigate in the builder). */
export function useLinkTitle(link: TLink | null | undefined): string | undefined {
  const { t } = useTranslation();
  if (!link) return undefined;
  switch (link.kind) {
    case "url":
      return t("blocks.link.url", { url: link.url });
    default:
      return t(`blocks.link.${link.kind}`);
  }
}

/**
 * A tappable area. In the builder and the phone preview a tap goes nowhere (a no-op, no toast): the
 * area only says, on hover, where the store would go.
 */
export function Tap({
  link,
  className,
  style,
  children,
}: {
  link: TLink | null | undefined;
  className?: string;
  style?: CSSProperties;
  children?: ReactNode;
}) {
  const title = useLinkTitle(link);
  return (
    <div
      className={classes(className, link && "mw-tap")}
      style={style}
      title={title}
      data-link={link ? link.kind : undefined}
    >
      {children}
    </div>
  );
}

/** An image that loads when it comes near the screen. */
export function Img({
  src,
  alt = "",
  className,
  style,
}: {
  src: string;
  alt?: string;
  className?: string;
  style?: CSSProperties;
}) {
  return (
    <img src={src} alt={alt} className={className} style={style} loading="lazy" decoding="async" draggable={false} />
  );
}

/** A hint drawn only on the designer canvas where a block has nothing to show yet. */
export function Placeholder({
  text,
  icon = "image",
  style,
  className,
}: {
  text: string;
  icon?: "image" | "video" | "list" | "text";
  style?: CSSProperties;
  className?: string;
}) {
  return (
    <div className={classes("mw-placeholder", className)} style={style} data-icon={icon}>
      <span className="mw-placeholder-icon" aria-hidden>
        {PLACEHOLDER_ICONS[icon]}
      </span>
      <span>{text}</span>
    </div>
  );
}

const PLACEHOLDER_ICONS = { image: "🖼", video: "▶", list: "☰", text: "✎" } as const;

/** A grey image-sized box: a cell whose picture is not chosen yet (designer) or an empty slot (preview). */
export function ImageSlot({ editing, style }: { editing: boolean; style?: CSSProperties }) {
  return <div className={classes("mw-image-slot", editing && "mw-image-slot-editing")} style={style} aria-hidden />;
}
