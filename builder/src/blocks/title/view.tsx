// title: a section heading, an optional subtitle, and a "more" link on the right.
import type { title } from "@mallwright/schema/page/blocks/title";
import { classes, Tap, type ViewProps } from "../view-kit.tsx";

type Display = ReturnType<typeof title.display>;

export function TitleView({ display }: ViewProps<Display>) {
  return (
    <div className={classes("mw-block mw-title", `mw-align-${display.align}`)}>
      <div className="mw-title-text">
        <h3 className="mw-title-heading">{display.title}</h3>
        {display.subtitle && <p className="mw-title-sub">{display.subtitle}</p>}
      </div>
      {display.more && (
        <Tap link={display.more.link} className="mw-title-more">
          {display.more.text}
          <span className="mw-chevron" aria-hidden />
        </Tap>
      )}
    </div>
  );
}
