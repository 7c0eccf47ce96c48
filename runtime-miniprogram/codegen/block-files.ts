// What the block registry decides in the mini-program, written out as files: each block component's
// properties (types and defaults from its props schema) and index.json, and block-renderer's template
// and index.json (one branch per block type, a nested renderer in every block that holds children).
// scripts/generate-blocks.mjs writes them; block-files.test.ts fails when they are stale.
import type { BlockDefinition } from "@mallwright/schema";
import { BLOCKS } from "@mallwright/schema/page/blocks/index";
import type { z } from "zod";

export const GENERATED_NOTE =
  "generated — do not edit: `npm run generate -w runtime-miniprogram` writes it from the block registry";

/** Component property types (WeChat's constructors; null: any type, for nullable and mixed props). */
export type PropertyKind = "String" | "Number" | "Boolean" | "Object" | "Array" | "null";

/** Attribute names WXML gives a meaning of its own on a component: such props get another property name. */
const RESERVED = new Set(["id", "class", "style", "slot", "hidden", "generic", "key"]);

export function propertyName(prop: string): string {
  if (RESERVED.has(prop) || /^(data|bind|catch|mut|capture|model|wx)[A-Z-]?/.test(prop)) {
    return `prop${prop[0]?.toUpperCase()}${prop.slice(1)}`;
  }
  return prop;
}

export function attributeName(property: string): string {
  return property.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

interface ZodDefLike {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, unknown>;
  values?: unknown[];
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: ZodDefLike } })._zod.def;

export function propertyKind(schema: z.ZodType): PropertyKind {
  const def = defOf(schema);
  switch (def.type) {
    case "default":
    case "prefault":
    case "optional":
    case "readonly":
    case "catch":
    case "nonoptional":
      return def.innerType ? propertyKind(def.innerType) : "null";
    case "pipe":
      return def.in ? propertyKind(def.in) : "null";
    case "nullable":
      return "null";
    case "string":
    case "template_literal":
      return "String";
    case "number":
    case "int":
      return "Number";
    case "boolean":
      return "Boolean";
    case "array":
    case "tuple":
      return "Array";
    case "object":
    case "record":
      return "Object";
    case "enum":
      return sameKind(Object.values(def.entries ?? {}));
    case "literal":
      return sameKind(def.values ?? []);
    case "union": {
      const kinds = new Set((def.options ?? []).map(propertyKind));
      return kinds.size === 1 ? ([...kinds][0] ?? "null") : "null";
    }
    default:
      return "null";
  }
}

function sameKind(values: unknown[]): PropertyKind {
  const kinds = new Set(values.map((v) => typeof v));
  if (kinds.size !== 1) return "null";
  const [kind] = kinds;
  return kind === "string" ? "String" : kind === "number" ? "Number" : kind === "boolean" ? "Boolean" : "null";
}

/** A value as TypeScript source, formatted the way Biome formats it (short values: one line). */
export function literal(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return value.length === 0 ? "[]" : `[${value.map(literal).join(", ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return "{}";
    const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
    return `{ ${entries.map(([k, v]) => `${key(k)}: ${literal(v)}`).join(", ")} }`;
  }
  return JSON.stringify(value);
}

export interface BlockProperty {
  prop: string;
  property: string;
  kind: PropertyKind;
  value: unknown;
}

// biome-ignore lint/suspicious/noExplicitAny: the registry's entries each keep their own prop types
type AnyBlock = BlockDefinition<any, unknown>;

export function blockProperties(def: AnyBlock): BlockProperty[] {
  const defaults = def.props.parse({}) as Record<string, unknown>;
  return Object.entries(def.props.shape as Record<string, z.ZodType>).map(([prop, schema]) => {
    const property = propertyName(prop);
    return { prop, property, kind: propertyKind(schema), value: defaults[prop] ?? null };
  });
}

export function blockComponentPath(type: string): string {
  return `/components/blocks/${type}/index`;
}

export function blockTag(type: string): string {
  return `block-${type}`;
}

function propertiesFile(def: AnyBlock): string {
  const props = blockProperties(def);
  const lines = [
    `// ${GENERATED_NOTE}`,
    `// (schema/src/page/blocks/${def.type}.ts).`,
    'import type { PropertySpec } from "../../../core/define-block.ts";',
    "",
    `export const type = ${JSON.stringify(def.type)};`,
    "",
    "/** The registry's props with their defaults, as component properties. */",
    "// biome-ignore format: generated, one line per prop",
    "export const properties: Record<string, PropertySpec> = {",
    ...props.map((p) => `  ${p.property}: { type: ${p.kind}, value: ${literal(p.value)} },`),
    "};",
    "",
    "/** Property name -> the registry's prop name (they differ where WXML reserves the prop's name). */",
    "export const propNames: Record<string, string> = {",
    ...props.map((p) => `  ${p.property}: ${JSON.stringify(p.prop)},`),
    "};",
    "",
    "/** Every property, as an observer path list. */",
    observedLine(props.map((p) => p.property).join(", ")),
    "",
  ];
  return lines.join("\n");
}

/** Biome's line width is 120: a longer declaration breaks after the `=`. */
function observedLine(list: string): string {
  const line = `export const observed = ${JSON.stringify(list)};`;
  return line.length <= 120 ? line : `export const observed =\n  ${JSON.stringify(list)};`;
}

function rendererWxml(blocks: readonly AnyBlock[]): string {
  const lines = [`<!-- ${GENERATED_NOTE}. -->`, '<block wx:for="{{blocks}}" wx:key="id" wx:for-item="b">'];
  blocks.forEach((def, i) => {
    const condition = `${i === 0 ? "wx:if" : "wx:elif"}="{{b.type === '${def.type}'}}"`;
    const attrs = [
      condition,
      'block-id="{{b.id}}"',
      'ctx="{{ctx}}"',
      ...blockProperties(def).map((p) => `${attributeName(p.property)}="{{b.props.${p.prop}}}"`),
    ];
    const open = `  <${blockTag(def.type)}\n${attrs.map((a) => `    ${a}`).join("\n")}`;
    if (def.children) {
      lines.push(
        `${open}\n  >`,
        '    <block-renderer blocks="{{b.children}}" ctx="{{ctx}}" />',
        `  </${blockTag(def.type)}>`,
      );
    } else {
      lines.push(`${open}\n  />`);
    }
  });
  lines.push("</block>", "");
  return lines.join("\n");
}

function rendererJson(blocks: readonly AnyBlock[]): string {
  const using: Record<string, string> = { "block-renderer": "/components/block-renderer/index" };
  for (const def of blocks) using[blockTag(def.type)] = blockComponentPath(def.type);
  return `${JSON.stringify({ component: true, usingComponents: using }, null, 2)}\n`;
}

const BLOCK_JSON = `${JSON.stringify({ component: true, usingComponents: {} }, null, 2)}\n`;

/** Path (relative to runtime-miniprogram/) -> content, for every generated file. */
export function generateBlockFiles(blocks: readonly AnyBlock[] = BLOCKS): Map<string, string> {
  const files = new Map<string, string>();
  for (const def of blocks) {
    files.set(`src/components/blocks/${def.type}/properties.ts`, propertiesFile(def));
    files.set(`src/components/blocks/${def.type}/index.json`, BLOCK_JSON);
  }
  files.set("src/components/block-renderer/index.wxml", rendererWxml(blocks));
  files.set("src/components/block-renderer/index.json", rendererJson(blocks));
  return files;
}
