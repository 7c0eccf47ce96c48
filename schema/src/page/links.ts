// Typed links: where a tap on a block goes. Resolved by the runtime per kind; URLs only open in a
// web-view for allowed domains, so they are restricted to https here.
import { z } from "zod";

export const TAB_KEYS = ["home", "category", "cart", "me"] as const;
export const ZTabKey = z.enum(TAB_KEYS);

export const ZLink = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("product"), id: z.uuid() }),
  z.strictObject({ kind: z.literal("category"), id: z.uuid() }),
  z.strictObject({ kind: z.literal("page"), id: z.uuid() }),
  z.strictObject({
    kind: z.literal("url"),
    url: z.url({ protocol: /^https$/, message: "must be an https:// URL" }).max(500),
  }),
  z.strictObject({ kind: z.literal("tab"), tab: ZTabKey }),
]);
export type TLink = z.infer<typeof ZLink>;

/** A prop that may hold a link or none. */
export const ZOptionalLink = ZLink.nullable().default(null);
