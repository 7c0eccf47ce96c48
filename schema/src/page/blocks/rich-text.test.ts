// rich-text: the 20 KB limit is in UTF-8 bytes, so Chinese text (3 bytes a character) is counted right.
import { describe, expect, it } from "vitest";
import { EMPTY_PAGE_DATA } from "../data.ts";
import { DEFAULT_THEME } from "../theme.ts";
import { RICH_TEXT_MAX_BYTES, richText } from "./rich-text.ts";

describe("rich-text", () => {
  it("accepts 20 KB of HTML and refuses a byte more", () => {
    expect(richText.props.safeParse({ html: "a".repeat(RICH_TEXT_MAX_BYTES) }).success).toBe(true);
    const r = richText.props.safeParse({ html: "a".repeat(RICH_TEXT_MAX_BYTES + 1) });
    expect(r.error?.issues[0]).toMatchObject({ path: ["html"], message: "must be at most 20 KB" });
  });

  it("counts bytes, not characters", () => {
    const chars = Math.floor(RICH_TEXT_MAX_BYTES / 3) + 1; // under the limit in characters, over it in bytes
    expect(richText.props.safeParse({ html: "字".repeat(chars) }).success).toBe(false);
    expect(richText.props.safeParse({ html: "字".repeat(chars - 1) }).success).toBe(true);
  });

  it("hands the (server-sanitized) HTML on as stored", () => {
    const html = '<p class="x">你好 <b>world</b></p>';
    const out = richText.display(richText.props.parse({ html }), {
      blockId: "b",
      data: EMPTY_PAGE_DATA,
      theme: DEFAULT_THEME,
    });
    expect(out).toEqual({ html, background: "#ffffff", padding: 12, color: DEFAULT_THEME.colors.text });
  });
});
