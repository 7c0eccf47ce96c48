// notice's display() as styles, with the scroll's duration from its speed (px per second): the text
// travels its own width plus the screen's.
import type { notice } from "@mallwright/schema/page/blocks/notice";
import { iconSrc } from "../../../shared/icons.ts";
import { styleOf } from "../../../shared/style.ts";

type Display = ReturnType<typeof notice.display>;

/** Width of one character at the notice's 13 px type (CJK: full width; others about half). */
export function textWidthPx(text: string): number {
  let width = 0;
  for (const ch of text) width += ch.charCodeAt(0) > 0x2e80 ? 13 : 7;
  return width;
}

/** Space for the text beside the icon on a 375 px screen. */
const LANE_PX = 375 - 24 - 28;

export function presentNotice(d: Display) {
  const width = textWidthPx(d.text);
  const scrolls = width > LANE_PX;
  const seconds = Math.round(((width + LANE_PX) / d.speed) * 10) / 10;
  return {
    text: d.text,
    link: d.link,
    icon: d.icon ? iconSrc(d.icon, d.color) : null,
    frameStyle: styleOf({ color: d.color, background: d.background }),
    textClass: scrolls ? "mw-notice-text mw-notice-scroll" : "mw-notice-text",
    textStyle: scrolls ? styleOf({ animationDuration: `${seconds}s` }) : "",
  };
}
