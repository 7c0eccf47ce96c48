// A shopper's address book: where express orders go. Name, phone and street are stored encrypted;
// the region stays readable (shipping rules), as do the phone's last four digits (order search).
import { z } from "zod";
import { ZUuid } from "./common.ts";

export const ADDRESS_BOOK_MAX = 20;

const region = (what: string, max: number, min = 1) =>
  z.string().trim().min(min, `${what} is required`).max(max, `${what} is at most ${max} characters`);

const fields = {
  recipient: region("the recipient", 30),
  phone: z
    .string()
    .trim()
    .regex(/^(\+?\d{1,4}[- ]?)?\d{5,15}$/, "must be a phone number"),
  province: region("the province", 30),
  city: region("the city", 30),
  district: region("the district", 30, 0),
  detail: region("the street address", 120),
  postalCode: z
    .string()
    .regex(/^\d{6}$/, "must be 6 digits")
    .nullable(),
  label: z.string().trim().max(10).nullable().describe("家 / 公司 …"),
  isDefault: z.boolean(),
};

export const ZAddressInput = z.strictObject({
  ...fields,
  district: fields.district.default(""),
  postalCode: fields.postalCode.default(null),
  label: fields.label.default(null),
  isDefault: fields.isDefault.default(false),
});
export type TAddressInput = z.infer<typeof ZAddressInput>;
/** A change: only the fields given (no defaults fill the others). */
export const ZUpdateAddressRequest = z.strictObject(fields).partial();
export type TUpdateAddressRequest = z.infer<typeof ZUpdateAddressRequest>;

export const ZAddress = z.object({
  id: ZUuid,
  recipient: z.string(),
  phone: z.string(),
  province: z.string(),
  city: z.string(),
  district: z.string(),
  detail: z.string(),
  postalCode: z.string().nullable(),
  label: z.string().nullable(),
  isDefault: z.boolean(),
});
export type TAddress = z.infer<typeof ZAddress>;
export const ZAddressList = z.object({ items: z.array(ZAddress) });
