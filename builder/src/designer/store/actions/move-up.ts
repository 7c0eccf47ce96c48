// move-up: swaps a block with the one before it, among its siblings.
import { placeOf, type Reducer, SliceDraft } from "../tree.ts";

export const moveUp: Reducer<"move-up"> = (slice, action) => {
  const from = placeOf(slice, action.id);
  if (!from || from.index === 0) return null;
  const draft = new SliceDraft(slice);
  draft.move(action.id, from.parentId, from.index - 1);
  return { slice: draft.finish(), inverse: [{ type: "move-down", id: action.id }], redo: [action] };
};
