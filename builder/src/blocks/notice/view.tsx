// notice: a one-line announcement with a speaker icon, its text scrolling sideways at the block's
// speed (px per second; the designer keeps it still so the canvas stays calm).
import type { notice } from "@mallwright/schema/page/blocks/notice";
import { classes, Tap, type ViewProps, withVars } from "../view-kit.tsx";

type Display = ReturnType<typeof notice.display>;

/** Rough width of the text at 13 px (CJK characters are about one em, Latin about half). */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) ?? 0) > 0x2e80 ? 13 : 7;
  return w;
}

export function NoticeView({ display, editing }: ViewProps<Display>) {
  // The text travels its own width plus a screen's (375 px) each loop.
  const seconds = Math.max(4, Math.round((textWidth(display.text) + 375) / display.speed));
  return (
    <Tap
      link={display.link}
      className="mw-block mw-notice"
      style={{ color: display.color, background: display.background }}
    >
      {display.icon && <span className="mw-notice-icon" aria-hidden />}
      <div className="mw-notice-track">
        <span
          className={classes("mw-notice-text", !editing && "mw-notice-scroll")}
          style={withVars({}, { "--mw-notice-duration": `${seconds}s` })}
        >
          {display.text}
        </span>
      </div>
    </Tap>
  );
}
