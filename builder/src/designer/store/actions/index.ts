// The reducer of every designer action, by type: pure (slice, action) -> Reduction | null.
import type { Reduction } from "../tree.ts";
import type { DesignerAction, DocumentSlice } from "../types.ts";
import { duplicate } from "./duplicate.ts";
import { insert } from "./insert.ts";
import { move } from "./move.ts";
import { moveDown } from "./move-down.ts";
import { moveUp } from "./move-up.ts";
import { paste } from "./paste.ts";
import { remove } from "./remove.ts";
import { rename } from "./rename.ts";
import { replaceDocument } from "./replace-document.ts";
import { setPageTheme } from "./set-page-theme.ts";
import { setProps } from "./set-props.ts";
import { setTitle } from "./set-title.ts";
import { updateProps } from "./update-props.ts";

/** Applies one action to a document slice; null when it is invalid or changes nothing. */
export function reduce(slice: DocumentSlice, action: DesignerAction): Reduction | null {
  switch (action.type) {
    case "insert":
      return insert(slice, action);
    case "move":
      return move(slice, action);
    case "remove":
      return remove(slice, action);
    case "duplicate":
      return duplicate(slice, action);
    case "update-props":
      return updateProps(slice, action);
    case "set-props":
      return setProps(slice, action);
    case "rename":
      return rename(slice, action);
    case "move-up":
      return moveUp(slice, action);
    case "move-down":
      return moveDown(slice, action);
    case "paste":
      return paste(slice, action);
    case "set-title":
      return setTitle(slice, action);
    case "set-page-theme":
      return setPageTheme(slice, action);
    case "replace-document":
      return replaceDocument(slice, action);
  }
}
