// container: its padding and background around its children, laid out in 1 to 4 columns. The grid
// itself is the children's wrapper (BlockView's, or the designer's droppable list), sized by the
// --mw-columns and --mw-gap variables set here.
import type { container } from "@mallwright/schema/page/blocks/container";
import { type ViewProps, withVars } from "../view-kit.tsx";

type Display = ReturnType<typeof container.display>;

export function ContainerView({ display, children }: ViewProps<Display>) {
  const style = withVars(
    { padding: display.style.padding, background: display.style.background },
    { "--mw-columns": display.columns, "--mw-gap": `${display.style.gap}px` },
  );
  return (
    <div className="mw-block mw-container" data-columns={display.columns} style={style}>
      {children}
    </div>
  );
}
