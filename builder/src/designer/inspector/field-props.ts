// What every inspector widget receives: its registry hint, the current value, the prop's schema and a
// way to propose a new value (the inspector parses it and dispatches update-props, or shows why not).
import type { FieldHint } from "@mallwright/schema";
import type { z } from "zod";

export interface FieldProps<H extends FieldHint = FieldHint> {
  hint: H;
  /** The value as stored (not yet trusted: widgets read it defensively). */
  value: unknown;
  /** The field's label in the current language. */
  label: string;
  /** A DOM id for the control (labels point at it). */
  id: string;
  /** The prop's schema: null allowed? "transparent"? Item schemas of lists. */
  schema: z.ZodType | undefined;
  /** The block's other props (the hotzone editor draws over its image). */
  props: Record<string, unknown>;
  /** Proposes a value; false when it was refused (the reason is shown under the field). */
  onChange(value: unknown): boolean;
  /** Whether a value would be accepted (checked against the whole block, e.g. an image cube's cell count). */
  fits?(value: unknown): boolean;
}

/** The hint kinds whose widget may be one of W (a kind covers several widgets, e.g. text/textarea/richtext). */
export type HintOf<W extends FieldHint["widget"]> = FieldHint extends infer H
  ? H extends { widget: infer X }
    ? [Extract<X, W>] extends [never]
      ? never
      : H
    : never
  : never;
