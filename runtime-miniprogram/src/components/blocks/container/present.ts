// container's display() as styles: the frame (padding, background) and the children's grid.
import type { container } from "@mallwright/schema/page/blocks/container";
import { rpx, styleOf } from "../../../shared/style.ts";

type Display = ReturnType<typeof container.display>;

export function presentContainer(d: Display) {
  return {
    columns: d.columns,
    frameStyle: styleOf({ padding: rpx(d.style.padding), background: d.style.background }),
    gridStyle: styleOf({
      display: "grid",
      gridTemplateColumns: `repeat(${d.columns}, minmax(0, 1fr))`,
      gap: rpx(d.style.gap),
    }),
  };
}
