// spacer: empty space of the block's height and background.
import type { spacer } from "@mallwright/schema/page/blocks/spacer";
import type { ViewProps } from "../view-kit.tsx";

type Display = ReturnType<typeof spacer.display>;

export function SpacerView({ display }: ViewProps<Display>) {
  return <div className="mw-block mw-spacer" style={{ height: display.height, background: display.background }} />;
}
