// A store's WeChat settings as platform admins and the store see them (no token, only whether one is on file).
import type { TTenantWechat } from "@mallwright/schema";

type Row = {
  subMchid: string | null;
  subAppid: string | null;
  onboardingStatus: string;
  onboardingNote: string | null;
  authorizerRefreshTokenEnc: string | null;
  updatedAt: Date;
};

const STATUSES = ["not_started", "submitted", "active", "rejected", "suspended"] as const;

export function presentTenantWechat(row: Row | null): TTenantWechat {
  return {
    subMchid: row?.subMchid ?? null,
    subAppid: row?.subAppid ?? null,
    onboardingStatus: STATUSES.find((s) => s === row?.onboardingStatus) ?? "not_started",
    onboardingNote: row?.onboardingNote ?? null,
    authorized: Boolean(row?.authorizerRefreshTokenEnc),
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}
