// duplicate: a copy of a block, fresh ids throughout, right after the original (where the limits allow).
import { withFreshIds } from "../../new-block.ts";
import { canPlace, placeOf, type Reducer, SliceDraft } from "../tree.ts";
import type { Place } from "../types.ts";

export const duplicate: Reducer<"duplicate"> = (slice, action) => {
  const node = slice.nodesById.get(action.id);
  const from = placeOf(slice, action.id);
  if (!node || !from) return null;
  const copy = withFreshIds(node);
  const to: Place = { parentId: from.parentId, index: from.index + 1 };
  if (!canPlace(slice, copy, to)) return null;
  const draft = new SliceDraft(slice);
  draft.insert(copy, to.parentId, to.index);
  return {
    slice: draft.finish(),
    inverse: [{ type: "remove", id: copy.id }],
    redo: [{ type: "insert", block: copy, to }],
    select: copy.id,
  };
};
