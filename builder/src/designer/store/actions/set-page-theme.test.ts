// set-page-theme: the page's overrides of the store theme; undefined drops them; invalid ones refused.
import { describe, expect, it } from "vitest";
import { apply, sampleSlice } from "../test-document.ts";
import { setPageTheme } from "./set-page-theme.ts";

describe("set-page-theme", () => {
  it("sets overrides, and setting undefined drops the key so undo is exact", () => {
    const slice = sampleSlice();
    const theme = { colors: { primary: "#ee0a24" }, radius: 8 };
    const r = apply(slice, { type: "set-page-theme", theme });
    expect(r.slice.document.theme).toBe(theme);
    expect(r.inverse).toEqual([{ type: "set-page-theme", theme: undefined }]);
    const back = apply(r.slice, { type: "set-page-theme", theme: undefined }).slice;
    expect(back.document).toStrictEqual(slice.document);
    expect(back.document).not.toHaveProperty("theme");
  });

  it("refuses overrides the theme schema rejects, and no change", () => {
    const slice = sampleSlice();
    expect(setPageTheme(slice, { type: "set-page-theme", theme: { colors: { primary: "red" } } })).toBeNull();
    expect(setPageTheme(slice, { type: "set-page-theme", theme: undefined })).toBeNull();
  });
});
