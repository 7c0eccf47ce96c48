// update-props: merges an inspector edit into a block's props; refused when the result fails the
// block's registry schema (the draft must stay savable). Undone by set-props with the old props.
import { findBlock } from "@mallwright/schema";
import { type Reducer, SliceDraft } from "../tree.ts";

export const updateProps: Reducer<"update-props"> = (slice, action) => {
  const node = slice.nodesById.get(action.id);
  const def = node ? findBlock(node.type) : undefined;
  if (!node || !def) return null;
  const keys = Object.keys(action.props);
  if (keys.length === 0 || keys.every((k) => k in node.props && Object.is(node.props[k], action.props[k]))) return null;
  const props = { ...node.props, ...action.props };
  if (!def.props.safeParse(props).success) return null;
  const draft = new SliceDraft(slice);
  draft.replace({ ...node, props });
  return {
    slice: draft.finish(),
    inverse: [{ type: "set-props", id: node.id, props: node.props }],
    redo: [action],
  };
};
