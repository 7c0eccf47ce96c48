// rich-text: the merchant's HTML as display() hands it on. The server cleaned it with the catalog's
// sanitizer when the draft was saved (and POST /pages/hydrate answers it cleaned), so it is rendered
// as markup; its links never navigate here.
import type { richText } from "@mallwright/schema/page/blocks/rich-text";
import type { MouseEvent } from "react";
import { useTranslation } from "react-i18next";
import { Placeholder, type ViewProps } from "../view-kit.tsx";

type Display = ReturnType<typeof richText.display>;

/** A tap on a link inside the text stays on the page (the builder and the preview never navigate). */
function stayOnPage(e: MouseEvent<HTMLDivElement>) {
  if (e.target instanceof Element && e.target.closest("a[href]")) e.preventDefault();
}

export function RichTextView({ display, editing }: ViewProps<Display>) {
  const { t } = useTranslation();
  const style = { background: display.background, padding: display.padding, color: display.color };
  if (!display.html.trim()) {
    return editing ? (
      <div className="mw-block mw-rich-text" style={style}>
        <Placeholder text={t("blocks.emptyText")} icon="text" />
      </div>
    ) : null;
  }
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: only cancels link navigation; nothing to do from the keyboard
    <div
      className="mw-block mw-rich-text"
      style={style}
      onClick={stayOnPage}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized on the server (sanitize-detail-html.ts) before it is stored or hydrated
      dangerouslySetInnerHTML={{ __html: display.html }}
    />
  );
}
