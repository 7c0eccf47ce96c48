import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { BLOCKS, findBlock } from "@mallwright/schema";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  attributeName,
  blockProperties,
  GENERATED_NOTE,
  generateBlockFiles,
  propertyKind,
  propertyName,
} from "./block-files.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

describe("generated block files", () => {
  it("are current (run `npm run generate -w runtime-miniprogram` after changing the registry)", () => {
    const stale: string[] = [];
    for (const [file, content] of generateBlockFiles()) {
      let current = "";
      try {
        current = readFileSync(join(root, file), "utf8");
      } catch {}
      if (current !== content) stale.push(file);
    }
    expect(stale).toEqual([]);
  });

  it("carry the do-not-edit header", () => {
    for (const [file, content] of generateBlockFiles()) {
      if (file.endsWith(".json")) continue;
      expect(content.split("\n")[0], file).toContain(GENERATED_NOTE);
    }
  });

  it("give every registry prop a property with its default", () => {
    for (const def of BLOCKS) {
      const props = blockProperties(def);
      expect(props.map((p) => p.prop)).toEqual(Object.keys(def.props.shape));
      const defaults = def.props.parse({}) as Record<string, unknown>;
      for (const p of props) expect(p.value, `${def.type}.${p.prop}`).toEqual(defaults[p.prop] ?? null);
    }
    const divider = findBlock("divider");
    if (!divider) throw new Error("no divider block");
    expect(blockProperties(divider).find((p) => p.prop === "style")).toMatchObject({
      property: "propStyle",
      kind: "String",
    });
  });

  it("types properties from the props schema (any type where a prop may be null or mixed)", () => {
    expect(propertyKind(z.string().default("x"))).toBe("String");
    expect(propertyKind(z.number().int().min(1).default(1))).toBe("Number");
    expect(propertyKind(z.boolean().default(true))).toBe("Boolean");
    expect(propertyKind(z.enum(["a", "b"]).default("a"))).toBe("String");
    expect(propertyKind(z.array(z.string()).default(() => []))).toBe("Array");
    expect(propertyKind(z.object({ a: z.string() }))).toBe("Object");
    expect(propertyKind(z.string().nullable().default(null))).toBe("null");
    expect(propertyKind(z.union([z.string(), z.number()]))).toBe("null");
    expect(
      propertyKind(z.discriminatedUnion("k", [z.object({ k: z.literal("a") }), z.object({ k: z.literal("b") })])),
    ).toBe("Object");
  });

  it("renames props WXML reserves, and writes attributes in kebab case", () => {
    expect(propertyName("style")).toBe("propStyle");
    expect(propertyName("id")).toBe("propId");
    expect(propertyName("dataSource")).toBe("propDataSource");
    expect(propertyName("showSearch")).toBe("showSearch");
    expect(attributeName("showSearch")).toBe("show-search");
  });
});
