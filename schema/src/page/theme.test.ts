// Page theme overrides keep only what the page sets: applyTheme then changes exactly those values of
// the store's theme (the store's defaults must not come back through the overrides' schema).
import { describe, expect, it } from "vitest";
import { CURRENT_SCHEMA_VERSION, validatePage } from "./document.ts";
import { applyTheme, DEFAULT_THEME, type TStoreTheme, ZThemeOverrides } from "./theme.ts";

const store: TStoreTheme = { ...DEFAULT_THEME, colors: { ...DEFAULT_THEME.colors, price: "#111111" }, radius: 4 };

describe("ZThemeOverrides", () => {
  it("parses a subset without filling in the rest", () => {
    expect(ZThemeOverrides.parse({ colors: { primary: "#00aa00" } })).toEqual({ colors: { primary: "#00aa00" } });
    expect(ZThemeOverrides.parse({})).toEqual({});
    expect(ZThemeOverrides.safeParse({ radius: 30 }).success).toBe(false);
    expect(ZThemeOverrides.safeParse({ colors: { primary: "red" } }).success).toBe(false);
  });

  it("a validated page's overrides change only what they name", () => {
    const { document } = validatePage({
      schemaVersion: CURRENT_SCHEMA_VERSION,
      title: "T",
      theme: { colors: { primary: "#00aa00" } },
      blocks: [],
    });
    expect(document?.theme).toEqual({ colors: { primary: "#00aa00" } });
    expect(applyTheme(store, document?.theme)).toEqual({
      ...store,
      colors: { ...store.colors, primary: "#00aa00" },
    });
  });
});
