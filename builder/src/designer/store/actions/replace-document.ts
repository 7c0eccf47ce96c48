// replace-document: a whole new document (a template applied, a version restored), valid as a draft;
// undo brings the old one back. Indexes are rebuilt; blocks that are the same objects stay shared.
import { validatePage } from "@mallwright/schema";
import { indexDocument, type Reducer } from "../tree.ts";

export const replaceDocument: Reducer<"replace-document"> = (slice, action) => {
  if (action.document === slice.document) return null;
  if (validatePage(action.document, { mode: "draft" }).issues.length > 0) return null;
  return {
    slice: indexDocument(action.document),
    inverse: [{ type: "replace-document", document: slice.document }],
    redo: [action],
  };
};
