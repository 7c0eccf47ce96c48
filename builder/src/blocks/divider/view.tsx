// divider: a horizontal rule in its style and colour, with space above, below and at the sides.
import type { divider } from "@mallwright/schema/page/blocks/divider";
import type { ViewProps } from "../view-kit.tsx";

type Display = ReturnType<typeof divider.display>;

export function DividerView({ display }: ViewProps<Display>) {
  return (
    <div className="mw-block mw-divider" style={{ padding: `${display.margin}px ${display.inset}px` }}>
      <hr className="mw-divider-line" style={{ borderTopStyle: display.style, borderTopColor: display.color }} />
    </div>
  );
}
