// rename: a block's outline name, trimmed (1 to 40 characters); an empty or blank name clears it.
import { ZBlockName } from "@mallwright/schema";
import { type Reducer, SliceDraft } from "../tree.ts";

export const rename: Reducer<"rename"> = (slice, action) => {
  const node = slice.nodesById.get(action.id);
  if (!node) return null;
  const trimmed = action.name.trim();
  let name: string | undefined;
  if (trimmed !== "") {
    const parsed = ZBlockName.safeParse(trimmed);
    if (!parsed.success) return null;
    name = parsed.data;
  }
  if (name === node.name) return null;
  const { name: _old, ...rest } = node;
  const draft = new SliceDraft(slice);
  draft.replace(name === undefined ? rest : { ...rest, name });
  return {
    slice: draft.finish(),
    inverse: [{ type: "rename", id: node.id, name: node.name ?? "" }],
    redo: [action],
  };
};
