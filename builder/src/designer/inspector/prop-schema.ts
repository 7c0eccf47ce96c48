// Reading the registry's zod schemas for the inspector: a prop's own schema, whether it takes null or
// "transparent", a list's item schema and its defaults, and one edit checked as the store will check it
// (the whole props object must stay valid), so a refused edit shows why instead of silently vanishing.
import type { BlockDefinition } from "@mallwright/schema";
import { IMAGE_CUBE_LAYOUTS, imageCubeCellCount } from "@mallwright/schema/page/blocks/image-cube";
import { z } from "zod";

/** The schema under defaults, optionals and nullables. */
export function unwrap(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema;
  for (let i = 0; i < 8; i++) {
    if (
      s instanceof z.ZodDefault ||
      s instanceof z.ZodOptional ||
      s instanceof z.ZodNullable ||
      s instanceof z.ZodPrefault
    ) {
      s = s.unwrap() as z.ZodType;
    } else break;
  }
  return s;
}

export function acceptsNull(schema: z.ZodType | undefined): boolean {
  return schema ? schema.safeParse(null).success : false;
}

export function accepts(schema: z.ZodType | undefined, value: unknown): boolean {
  return schema ? schema.safeParse(value).success : false;
}

/** The item schema of a list prop. */
export function elementOf(schema: z.ZodType | undefined): z.ZodType | undefined {
  if (!schema) return undefined;
  const inner = unwrap(schema);
  return inner instanceof z.ZodArray ? (inner.element as z.ZodType) : undefined;
}

/** The field schemas of an object schema (a list item's). */
export function shapeOf(schema: z.ZodType | undefined): Record<string, z.ZodType> {
  if (!schema) return {};
  const inner = unwrap(schema);
  return inner instanceof z.ZodObject ? (inner.shape as Record<string, z.ZodType>) : {};
}

/** A new list item: its schema's defaults. */
export function newItem(schema: z.ZodType | undefined): unknown {
  if (!schema) return {};
  const parsed = schema.safeParse({});
  return parsed.success ? parsed.data : {};
}

const ZCubeLayout = z.enum(
  Object.keys(IMAGE_CUBE_LAYOUTS) as [keyof typeof IMAGE_CUBE_LAYOUTS, ...(keyof typeof IMAGE_CUBE_LAYOUTS)[]],
);

export type PropEdit = { ok: true; props: Record<string, unknown> } | { ok: false; message: string };

function firstMessage(error: z.ZodError, key: string): string {
  const mine = error.issues.find((i) => i.path[0] === key) ?? error.issues[0];
  if (!mine) return error.message;
  const rest = mine.path.slice(1).map(String).join(".");
  return rest ? `${rest}: ${mine.message}` : mine.message;
}

/**
 * One inspector edit of `key`: parsed by the prop's schema, with what the edit implies for other props
 * (an image cube's cells follow its layout), then checked as a whole the way update-props will.
 */
export function editProp(
  def: Pick<BlockDefinition, "type" | "props">,
  props: Record<string, unknown>,
  key: string,
  raw: unknown,
): PropEdit {
  const schema = def.props.shape[key] as z.ZodType | undefined;
  if (!schema) return { ok: false, message: `unknown property ${key}` };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: firstMessage(parsed.error, key) };
  const edit: Record<string, unknown> = { [key]: parsed.data };
  const layout = def.type === "image-cube" && key === "layout" ? ZCubeLayout.safeParse(parsed.data) : null;
  if (layout?.success) {
    const want = imageCubeCellCount(layout.data);
    const cells = Array.isArray(props.cells) ? props.cells : [];
    edit.cells = Array.from({ length: want }, (_, i) => cells[i] ?? { image: null, link: null });
  }
  const whole = def.props.safeParse({ ...props, ...edit });
  if (!whole.success) return { ok: false, message: firstMessage(whole.error, key) };
  return { ok: true, props: edit };
}
