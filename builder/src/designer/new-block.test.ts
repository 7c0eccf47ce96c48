// newBlock, newId, withFreshIds and canHold against the registry and the depth limit.
import { BLOCK_TYPES, findBlock, validatePage, ZBlockId } from "@mallwright/schema";
import { describe, expect, it } from "vitest";
import { canHold, newBlock, newId, withFreshIds } from "./new-block.ts";
import { block, sampleDocument } from "./store/test-document.ts";

describe("newBlock", () => {
  it.each(BLOCK_TYPES)("makes a valid %s with the registry's defaults and a fresh id", (type) => {
    const b = newBlock(type);
    expect(b.type).toBe(type);
    expect(b.props).toEqual(findBlock(type)?.props.parse({}));
    expect(ZBlockId.safeParse(b.id).success).toBe(true);
    expect(b.children).toEqual(findBlock(type)?.children ? [] : undefined);
    expect("children" in b).toBe(Boolean(findBlock(type)?.children));
    const doc = { ...sampleDocument(), blocks: [b] };
    expect(validatePage(doc).issues).toEqual([]);
  });

  it("throws on an unknown type (a programming error, not user input)", () => {
    expect(() => newBlock("nope")).toThrow(/unknown block type/);
  });
});

describe("newId", () => {
  it("gives ids matching ZBlockId that do not repeat", () => {
    const ids = Array.from({ length: 2000 }, newId);
    for (const id of ids) expect(ZBlockId.safeParse(id).success).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("withFreshIds", () => {
  it("renews every id of a subtree and keeps types, props and names", () => {
    const tree = { ...block("c", "container", {}, [block("a", "spacer"), { ...block("b", "title"), name: "标题" }]) };
    const copy = withFreshIds(tree);
    expect(copy.id).not.toBe("c");
    expect(copy.children?.map((n) => n.id)).not.toContain("a");
    expect(copy.children?.[1]?.name).toBe("标题");
    expect(copy.children?.[0]?.props).toBe(tree.children?.[0]?.props);
  });
});

describe("canHold", () => {
  it("follows the container's child types", () => {
    expect(canHold("container", "title", 1)).toBe(true);
    expect(canHold("container", "store-header", 1)).toBe(false);
    expect(canHold("container", "search-bar", 1)).toBe(false);
    expect(canHold("title", "spacer", 1)).toBe(false);
    expect(canHold(null, "store-header", 0)).toBe(true);
    expect(canHold(null, "nope", 0)).toBe(false);
    expect(canHold("nope", "spacer", 0)).toBe(false);
  });

  it("follows the depth limit: a container needs the level below it", () => {
    expect(canHold(null, "container", 0)).toBe(true);
    expect(canHold("container", "container", 1)).toBe(true);
    expect(canHold("container", "container", 2)).toBe(false);
    expect(canHold("container", "spacer", 2)).toBe(true);
    expect(canHold("container", "spacer", 3)).toBe(false);
  });
});
