// move: a block (with its children) to another place. `to.index` is an insertion point among the
// target's children as they are now (the gap the drop line shows), also within the same parent.
import { canPlace, landingIndex, placeOf, type Reducer, SliceDraft } from "../tree.ts";

export const move: Reducer<"move"> = (slice, action) => {
  const { id, to } = action;
  const node = slice.nodesById.get(id);
  const from = placeOf(slice, id);
  if (!node || !from || !canPlace(slice, node, to, true)) return null;
  const landing = landingIndex(slice, id, to);
  if (from.parentId === to.parentId && from.index === landing) return null;
  const draft = new SliceDraft(slice);
  draft.move(id, to.parentId, landing);
  // Back to where it was, as an insertion point of the slice after the move.
  const back = from.parentId === to.parentId && from.index > landing ? from.index + 1 : from.index;
  return {
    slice: draft.finish(),
    inverse: [{ type: "move", id, to: { parentId: from.parentId, index: back } }],
    redo: [action],
  };
};
