// WeChat: a store's sub-merchant and mini-program (set by platform admins, seen by the store), the
// shopper's phone binding, and the daily bill reconciliation.
import { z } from "zod";
import { ZUuid } from "./common.ts";

export const ZOnboardingStatus = z.enum(["not_started", "submitted", "active", "rejected", "suspended"]);

export const ZTenantWechat = z.object({
  subMchid: z.string().nullable(),
  subAppid: z.string().nullable(),
  onboardingStatus: ZOnboardingStatus,
  onboardingNote: z.string().nullable(),
  /** Whether the mini-program's authorizer refresh token is on file (the token itself never leaves). */
  authorized: z.boolean(),
  updatedAt: z.string().nullable(),
});

export const ZUpdateTenantWechatRequest = z.strictObject({
  subMchid: z
    .string()
    .regex(/^[0-9]{8,32}$/, "a WeChat Pay sub-merchant number is 8 to 32 digits")
    .nullable()
    .optional(),
  subAppid: z
    .string()
    .regex(/^wx[0-9a-f]{16}$/, "a mini-program appid is wx followed by 16 hex digits")
    .nullable()
    .optional(),
  onboardingStatus: ZOnboardingStatus.optional(),
  onboardingNote: z.string().trim().max(500).nullable().optional(),
  /** The mini-program's authorizer_refresh_token from its authorization (write-only). */
  authorizerRefreshToken: z.string().trim().min(8).max(512).optional(),
});

/** What the platform has configured (no secrets): shown to platform admins. */
export const ZWechatPlatformStatus = z.object({
  pay: z.object({
    configured: z.boolean(),
    spMchid: z.string().nullable(),
    spAppid: z.string().nullable(),
    verification: z.array(z.enum(["platform_certificate", "public_key"])),
    notifyUrl: z.string().nullable(),
  }),
  component: z.object({
    configured: z.boolean(),
    appId: z.string().nullable(),
    ticketAt: z.string().nullable(),
    tokenExpiresAt: z.string().nullable(),
  }),
});

export const ZBindPhoneRequest = z.strictObject({
  code: z.string().min(1).max(128).describe("The code from the getPhoneNumber button's event"),
});
export const ZBindPhoneResponse = z.object({ phoneTail: z.string() });

export const ZBillDifference = z.object({
  kind: z.enum(["missing_here", "missing_in_bill", "amount_mismatch"]),
  entry: z.enum(["payment", "refund"]),
  ref: z.string(),
  ours: z.number().int().nullable(),
  theirs: z.number().int().nullable(),
});
export const ZBillRun = z.object({
  id: ZUuid,
  tenantId: ZUuid,
  billDate: z.string(),
  status: z.enum(["matched", "differences", "no_bill"]),
  billRows: z.number().int(),
  matched: z.number().int(),
  billTotal: z.number().int(),
  refundTotal: z.number().int(),
  differences: z.array(ZBillDifference),
  createdAt: z.string(),
});
export const ZBillRunList = z.object({ items: z.array(ZBillRun) });

export const ZMerchantWechat = ZTenantWechat.omit({ authorized: true }).extend({
  authorized: z.boolean(),
  bills: z.array(ZBillRun),
});

export type TOnboardingStatus = z.infer<typeof ZOnboardingStatus>;
export type TTenantWechat = z.infer<typeof ZTenantWechat>;
export type TUpdateTenantWechatRequest = z.infer<typeof ZUpdateTenantWechatRequest>;
export type TWechatPlatformStatus = z.infer<typeof ZWechatPlatformStatus>;
export type TBillRun = z.infer<typeof ZBillRun>;
export type TMerchantWechat = z.infer<typeof ZMerchantWechat>;
