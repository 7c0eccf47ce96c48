// set-title: the page's title (1 to 40 characters once trimmed; kept as typed so the field does not jump).
import { ZPageDocument } from "@mallwright/schema";
import type { Reducer } from "../tree.ts";

export const setTitle: Reducer<"set-title"> = (slice, action) => {
  const old = slice.document.title;
  if (action.title === old || !ZPageDocument.shape.title.safeParse(action.title).success) return null;
  return {
    slice: { ...slice, document: { ...slice.document, title: action.title } },
    inverse: [{ type: "set-title", title: old }],
    redo: [action],
  };
};
