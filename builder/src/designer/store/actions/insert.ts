// insert: a new block (from the palette, or put back by undo) at a place the registry allows.
import { canPlace, isValidSubtree, type Reducer, SliceDraft } from "../tree.ts";

export const insert: Reducer<"insert"> = (slice, action) => {
  const { block, to } = action;
  if (!isValidSubtree(block) || !canPlace(slice, block, to)) return null;
  const draft = new SliceDraft(slice);
  draft.insert(block, to.parentId, to.index);
  return { slice: draft.finish(), inverse: [{ type: "remove", id: block.id }], redo: [action], select: block.id };
};
