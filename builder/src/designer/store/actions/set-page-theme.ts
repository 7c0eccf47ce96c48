// set-page-theme: this page's theme overrides over the store's theme (undefined: none, the key is dropped).
import { ZThemeOverrides } from "@mallwright/schema";
import type { Reducer } from "../tree.ts";

export const setPageTheme: Reducer<"set-page-theme"> = (slice, action) => {
  const old = slice.document.theme;
  if (action.theme === old) return null;
  if (action.theme !== undefined && !ZThemeOverrides.safeParse(action.theme).success) return null;
  const { theme: _old, ...rest } = slice.document;
  const document = action.theme === undefined ? rest : { ...rest, theme: action.theme };
  return {
    slice: { ...slice, document },
    inverse: [{ type: "set-page-theme", theme: old }],
    redo: [action],
  };
};
