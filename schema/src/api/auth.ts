// Login, sessions, password reset and invitations for platform admins and merchant staff.
import { z } from "zod";
import { ZDisplayName, ZEmail, ZPassword, ZUuid } from "./common.ts";
import { ZTenantKey } from "./tenants.ts";

export const TENANT_ROLES = ["owner", "admin", "staff"] as const;
export const ZTenantRole = z.enum(TENANT_ROLES);
export type TTenantRole = z.infer<typeof ZTenantRole>;

export const ZPlatformLoginRequest = z.strictObject({
  email: ZEmail,
  password: z.string().min(1, "is required").max(200),
});
export type TPlatformLoginRequest = z.infer<typeof ZPlatformLoginRequest>;

export const ZMerchantLoginRequest = ZPlatformLoginRequest.extend({
  /** Which store to sign in to; needed only when the account belongs to several. */
  tenant: ZTenantKey.optional(),
});
export type TMerchantLoginRequest = z.infer<typeof ZMerchantLoginRequest>;

export const ZLoginResponse = z.object({
  token: z.string(),
  expiresAt: z.string(),
});

export const ZMembershipChoice = z.object({ key: z.string(), name: z.string(), role: ZTenantRole });
export const ZChooseTenantDetails = z.object({ tenants: z.array(ZMembershipChoice) });

export const ZMe = z.object({
  user: z.object({ id: ZUuid, email: z.string(), name: z.string().nullable() }),
  tenant: z.object({ id: ZUuid, key: z.string(), name: z.string(), plan: z.string(), status: z.string() }),
  role: ZTenantRole,
  permissions: z.array(z.string()),
  memberships: z.array(ZMembershipChoice),
});

export const ZPlatformMe = z.object({
  user: z.object({ id: ZUuid, email: z.string(), name: z.string().nullable() }),
});

export const ZRequestPasswordReset = z.strictObject({ email: ZEmail });
export const ZResetPassword = z.strictObject({
  token: z.string().min(20).max(200),
  password: ZPassword,
});

export const ZInviteStaffRequest = z.strictObject({
  email: ZEmail,
  role: z.enum(["admin", "staff"]),
});
export type TInviteStaffRequest = z.infer<typeof ZInviteStaffRequest>;

export const ZAcceptInviteRequest = z.strictObject({
  tenant: ZTenantKey,
  token: z.string().min(20).max(200),
  /** Required when the invited email has no account yet. */
  password: ZPassword.optional(),
  name: ZDisplayName.optional(),
});
export type TAcceptInviteRequest = z.infer<typeof ZAcceptInviteRequest>;

export const ZStaffMember = z.object({
  id: ZUuid,
  userId: ZUuid,
  email: z.string(),
  name: z.string().nullable(),
  role: ZTenantRole,
  createdAt: z.string(),
});

export const ZInvite = z.object({
  id: ZUuid,
  email: z.string(),
  role: ZTenantRole,
  expiresAt: z.string(),
  createdAt: z.string(),
});

export const ZInviteCreated = ZInvite.extend({ inviteUrl: z.string() });

export const ZStaffList = z.object({ members: z.array(ZStaffMember), invites: z.array(ZInvite) });

export const ZChangeRoleRequest = z.strictObject({ role: z.enum(["admin", "staff"]) });

export const ZTransferOwnershipRequest = z.strictObject({ memberId: ZUuid });
