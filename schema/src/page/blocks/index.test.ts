// Every registered block, checked against the registry's promises: defaults are a valid block,
// display() returns plain JSON, every prop has exactly one inspector hint that agrees with its
// schema, and each block's fixture validates, renders and yields its references.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { EMPTY_PAGE_DATA } from "../data.ts";
import { type BlockReferences, collectReferences, type DisplayContext, type FieldHint } from "../registry.ts";
import { DEFAULT_THEME } from "../theme.ts";
import { CONTAINER_CHILD_TYPES } from "./container.ts";
import { BLOCK_FIXTURES, FIXTURE_DATA, FIXTURE_IDS, FIXTURE_STORE, fixtureBlockId } from "./fixtures.ts";
import { BLOCK_TYPES, BLOCKS, findBlock } from "./index.ts";

const EMPTY_CTX: DisplayContext = { blockId: "b1", data: EMPTY_PAGE_DATA, theme: DEFAULT_THEME };

/** The schema under .default()/.nullable()/.optional(). */
function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s instanceof z.ZodDefault || s instanceof z.ZodNullable || s instanceof z.ZodOptional)
    s = s.unwrap() as z.ZodType;
  return s;
}

function expectPlainJson(value: unknown) {
  expect(JSON.parse(JSON.stringify(value))).toStrictEqual(value);
}

/** Checks hints against a props shape both ways, recursing into list items. */
function checkHints(shape: Record<string, z.ZodType>, hints: Record<string, FieldHint | undefined>, where: string) {
  expect(Object.keys(hints).sort(), `${where}: hints = props`).toEqual(Object.keys(shape).sort());
  for (const [key, hint] of Object.entries(hints)) {
    const at = `${where}.${key}`;
    const prop = shape[key];
    if (!hint || !prop) throw new Error(`${at}: missing`);
    expect(hint.label.en.trim(), `${at} en label`).not.toBe("");
    expect(hint.label.zh.trim(), `${at} zh label`).not.toBe("");
    const inner = unwrap(prop);
    switch (hint.widget) {
      case "switch":
        expect(inner, `${at} is a boolean`).toBeInstanceOf(z.ZodBoolean);
        break;
      case "text":
      case "textarea":
      case "richtext":
        expect(inner, `${at} is a string`).toBeInstanceOf(z.ZodString);
        if (hint.maxLength !== undefined)
          expect(hint.maxLength, `${at} maxLength`).toBe((inner as z.ZodString).maxLength);
        break;
      case "number": {
        expect(inner, `${at} is a number`).toBeInstanceOf(z.ZodNumber);
        const n = inner as z.ZodNumber;
        expect([hint.min, hint.max], `${at} range`).toEqual([n.minValue, n.maxValue]);
        break;
      }
      case "select": {
        for (const o of hint.options) {
          expect(prop.safeParse(o.value).success, `${at} option ${o.value}`).toBe(true);
          expect(o.label.en && o.label.zh, `${at} option ${o.value} labels`).toBeTruthy();
        }
        const values = hint.options.map((o) => o.value);
        if (inner instanceof z.ZodEnum) expect(values, `${at} every enum value offered`).toEqual(inner.options);
        if (inner instanceof z.ZodNumber) {
          const all = Array.from(
            { length: (inner.maxValue ?? 0) - (inner.minValue ?? 0) + 1 },
            (_, i) => (inner.minValue ?? 0) + i,
          );
          expect(values, `${at} every number offered`).toEqual(all);
        }
        break;
      }
      case "list": {
        expect(inner, `${at} is an array`).toBeInstanceOf(z.ZodArray);
        const array = inner as z.ZodArray<z.ZodType>;
        const item = unwrap(array.element);
        expect(item, `${at} items are objects`).toBeInstanceOf(z.ZodObject);
        checkHints((item as z.ZodObject).shape, hint.item, `${at}[]`);
        const items = (n: number) => Array.from({ length: n }, () => item.parse({}));
        expect(array.safeParse(items(hint.min)).success, `${at} takes ${hint.min}`).toBe(true);
        expect(array.safeParse(items(hint.max)).success, `${at} takes ${hint.max}`).toBe(true);
        expect(array.safeParse(items(hint.max + 1)).success, `${at} refuses ${hint.max + 1}`).toBe(false);
        break;
      }
      default:
        break;
    }
  }
}

describe("the registry", () => {
  it("has every block the issue asks for, once each", () => {
    expect(new Set(BLOCK_TYPES).size).toBe(BLOCK_TYPES.length);
    expect([...BLOCK_TYPES].sort()).toEqual(
      [
        "container",
        "carousel",
        "image",
        "image-cube",
        "image-nav",
        "title",
        "rich-text",
        "notice",
        "search-bar",
        "product-grid",
        "product-scroll",
        "category-nav",
        "video",
        "spacer",
        "divider",
        "hotzone",
        "store-header",
      ].sort(),
    );
    for (const type of BLOCK_TYPES) expect(findBlock(type)?.type).toBe(type);
  });

  it("lets a container hold every block but the page-level ones (decide for each new block)", () => {
    for (const t of CONTAINER_CHILD_TYPES) expect(BLOCK_TYPES).toContain(t);
    expect(BLOCK_TYPES.filter((t) => !(CONTAINER_CHILD_TYPES as readonly string[]).includes(t)).sort()).toEqual([
      "search-bar",
      "store-header",
    ]);
  });

  it("has a fixture for every block and no other", () => {
    expect(Object.keys(BLOCK_FIXTURES).sort()).toEqual([...BLOCK_TYPES].sort());
  });
});

describe.each(BLOCKS.map((def) => [def.type, def] as const))("%s", (type, def) => {
  it("declares a palette entry", () => {
    expect(def.label.en && def.label.zh && def.icon).toBeTruthy();
    expect(def.icon).toMatch(/^[a-z0-9-]+$/);
  });

  it("is valid with only its defaults", () => {
    const r = def.props.safeParse({});
    expect(r.error?.issues ?? []).toEqual([]);
  });

  it("renders its defaults, with no data, into plain JSON", () => {
    const out = def.display(def.props.parse({}), EMPTY_CTX);
    expectPlainJson(out);
  });

  it("has one inspector hint per prop, agreeing with the schema", () => {
    checkHints(def.props.shape, def.inspector, type);
  });

  it("declares bindings that are real props", () => {
    for (const b of def.bindings) expect(Object.keys(def.props.shape)).toContain(b);
  });

  it("validates its fixture and renders it into plain JSON", () => {
    const fixture = BLOCK_FIXTURES[type];
    const r = def.props.safeParse(fixture);
    expect(r.error?.issues ?? []).toEqual([]);
    const out = def.display(r.data, {
      blockId: fixtureBlockId(type),
      data: FIXTURE_DATA,
      theme: DEFAULT_THEME,
      store: FIXTURE_STORE,
    });
    expectPlainJson(out);
    // A fixture is there to exercise the block: it must differ from the defaults.
    expect(r.data).not.toEqual(def.props.parse({}));
  });
});

describe("collectReferences on the fixtures", () => {
  const [P1, P2, P3, P4] = FIXTURE_IDS.products;
  const [C1, C2, C3] = FIXTURE_IDS.categories;
  const [PAGE1] = FIXTURE_IDS.pages;
  const m = (...ns: number[]) => ns.map((n) => `40000000-0000-4000-8000-${String(n).padStart(12, "0")}`);
  const refs = (r: Partial<BlockReferences>): BlockReferences => ({
    products: [],
    categories: [],
    pages: [],
    media: [],
    ...r,
  });
  const expected: Record<string, BlockReferences> = {
    container: refs({}),
    "store-header": refs({ media: m(1, 2) }),
    "search-bar": refs({}),
    notice: refs({ pages: [PAGE1] }),
    carousel: refs({ products: [P1], categories: [C1], media: m(3, 4, 5) }),
    "image-nav": refs({ products: [P2], categories: [C2], pages: [PAGE1], media: m(6, 7, 8, 9) }),
    title: refs({ categories: [C1] }),
    "rich-text": refs({}),
    image: refs({ products: [P3], media: m(10) }),
    "image-cube": refs({ products: [P4], categories: [C3], pages: [PAGE1], media: m(11, 12, 13, 14) }),
    hotzone: refs({ products: [P1], pages: [PAGE1], media: m(15) }),
    video: refs({ media: m(16, 17) }),
    "category-nav": refs({ categories: [C1, C2, C3] }),
    "product-grid": refs({ products: [P1, P2, P3] }),
    "product-scroll": refs({ categories: [C2] }),
    spacer: refs({}),
    divider: refs({}),
  };
  const sorted = (r: BlockReferences) =>
    Object.fromEntries(Object.entries(r).map(([k, v]: [string, string[]]) => [k, [...v].sort()]));

  it.each(BLOCK_TYPES)("finds every link, media id and binding id of %s", (type) => {
    const def = findBlock(type);
    const want = expected[type];
    if (!def || !want) throw new Error(`no expectation for ${type}`);
    expect(sorted(collectReferences(def.props.parse(BLOCK_FIXTURES[type])))).toEqual(sorted(want));
  });
});
