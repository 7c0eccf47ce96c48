// set-props: replaces a block's props whole (the inverse of update-props), checked against its schema.
import { findBlock } from "@mallwright/schema";
import { type Reducer, SliceDraft } from "../tree.ts";

export const setProps: Reducer<"set-props"> = (slice, action) => {
  const node = slice.nodesById.get(action.id);
  const def = node ? findBlock(node.type) : undefined;
  if (!node || !def || node.props === action.props) return null;
  if (!def.props.safeParse(action.props).success) return null;
  const draft = new SliceDraft(slice);
  draft.replace({ ...node, props: action.props });
  return {
    slice: draft.finish(),
    inverse: [{ type: "set-props", id: node.id, props: node.props }],
    redo: [action],
  };
};
