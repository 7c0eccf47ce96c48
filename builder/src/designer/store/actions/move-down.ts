// move-down: swaps a block with the one after it, among its siblings.
import { childrenOf, placeOf, type Reducer, SliceDraft } from "../tree.ts";

export const moveDown: Reducer<"move-down"> = (slice, action) => {
  const from = placeOf(slice, action.id);
  const siblings = from ? childrenOf(slice, from.parentId) : undefined;
  if (!from || !siblings || from.index >= siblings.length - 1) return null;
  const draft = new SliceDraft(slice);
  draft.move(action.id, from.parentId, from.index + 1);
  return { slice: draft.finish(), inverse: [{ type: "move-up", id: action.id }], redo: [action] };
};
