// paste: blocks from the clipboard (already validated and migrated there), given fresh ids throughout,
// placed one after another from `to`; refused whole if any of them may not go there.
import { withFreshIds } from "../../new-block.ts";
import { canPlace, isValidSubtree, type Reducer, SliceDraft } from "../tree.ts";
import type { DesignerAction } from "../types.ts";

export const paste: Reducer<"paste"> = (slice, action) => {
  if (action.blocks.length === 0) return null;
  const draft = new SliceDraft(slice);
  const redo: DesignerAction[] = [];
  for (const [i, block] of action.blocks.entries()) {
    const copy = withFreshIds(block);
    const to = { parentId: action.to.parentId, index: action.to.index + i };
    if (!isValidSubtree(copy) || !canPlace(draft.finish(), copy, to)) return null;
    draft.insert(copy, to.parentId, to.index);
    redo.push({ type: "insert", block: copy, to });
  }
  const ids = redo.flatMap((a) => (a.type === "insert" ? [a.block.id] : []));
  return {
    slice: draft.finish(),
    inverse: ids.reverse().map((id) => ({ type: "remove", id })),
    redo,
    select: redo[0]?.type === "insert" ? redo[0].block.id : undefined,
  };
};
