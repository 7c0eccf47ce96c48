// remove: takes a block and everything inside it out of the page; undo puts the same subtree back.
import { placeOf, type Reducer, SliceDraft } from "../tree.ts";

export const remove: Reducer<"remove"> = (slice, action) => {
  const from = placeOf(slice, action.id);
  if (!from) return null;
  const draft = new SliceDraft(slice);
  const block = draft.remove(action.id);
  if (!block) return null;
  return { slice: draft.finish(), inverse: [{ type: "insert", block, to: from }], redo: [action] };
};
