// Platform admins set each store's WeChat settings (its sub-merchant, its mini-program and the
// onboarding status; the authorizer refresh token, write-only) and see what the platform itself
// has configured — never a secret. Also each store's bill reconciliation runs.
import type { TTenantWechat, TUpdateTenantWechatRequest, TWechatPlatformStatus } from "@mallwright/schema";
import type { AdminDatabase } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import { ApiError, notFound } from "../../http/errors.ts";
import { fieldCipher } from "../../integrations/crypto/field-cipher.ts";
import { wechatComponentConfig, wechatPayConfig } from "../../integrations/wechat/config.ts";
import { presentBillRun } from "../payments/reconcile-bill.ts";
import { presentTenantWechat } from "./present-wechat.ts";

export async function getTenantWechat(admin: AdminDatabase, tenantId: string): Promise<TTenantWechat> {
  return admin.withAdmin(async (tx) => {
    if (!(await tx.tenant.findUnique({ where: { id: tenantId }, select: { id: true } }))) throw notFound("tenant");
    return presentTenantWechat(await tx.tenantWechat.findUnique({ where: { tenantId } }));
  });
}

export async function updateTenantWechat(
  admin: AdminDatabase,
  env: Env,
  tenantId: string,
  input: TUpdateTenantWechatRequest,
): Promise<TTenantWechat> {
  return admin.withAdmin(async (tx) => {
    if (!(await tx.tenant.findUnique({ where: { id: tenantId }, select: { id: true } }))) throw notFound("tenant");
    const current = await tx.tenantWechat.findUnique({ where: { tenantId } });
    const subMchid = input.subMchid === undefined ? (current?.subMchid ?? null) : input.subMchid;
    const subAppid = input.subAppid === undefined ? (current?.subAppid ?? null) : input.subAppid;
    const status = input.onboardingStatus ?? current?.onboardingStatus ?? "not_started";
    if (status === "active" && (!subMchid || !subAppid)) {
      throw new ApiError(
        "validation_failed",
        "a store becomes active with its sub-merchant number and mini-program appid",
        [
          ...(!subMchid ? [{ path: "subMchid", message: "required when active", in: "body" as const }] : []),
          ...(!subAppid ? [{ path: "subAppid", message: "required when active", in: "body" as const }] : []),
        ],
      );
    }
    for (const [field, value] of [
      ["subMchid", subMchid],
      ["subAppid", subAppid],
    ] as const) {
      if (!value) continue;
      const other = await tx.tenantWechat.findFirst({
        where: { [field]: value, NOT: { tenantId } },
        select: { id: true },
      });
      if (other) {
        throw new ApiError(
          "conflict",
          `another store already uses this ${field === "subMchid" ? "sub-merchant" : "mini-program"}`,
          [{ path: field, message: "taken", in: "body" }],
        );
      }
    }
    const data = {
      subMchid,
      subAppid,
      onboardingStatus: status,
      ...(input.onboardingNote !== undefined ? { onboardingNote: input.onboardingNote } : {}),
      ...(input.authorizerRefreshToken
        ? {
            authorizerRefreshTokenEnc: fieldCipher(env).encrypt(input.authorizerRefreshToken),
            authorizerAccessTokenEnc: null,
            authorizerTokenExpiresAt: null,
          }
        : {}),
      // Another mini-program: the old one's tokens are no good for it.
      ...(current && subAppid !== current.subAppid && !input.authorizerRefreshToken
        ? { authorizerRefreshTokenEnc: null, authorizerAccessTokenEnc: null, authorizerTokenExpiresAt: null }
        : {}),
    };
    const row = await tx.tenantWechat.upsert({ where: { tenantId }, create: { tenantId, ...data }, update: data });
    return presentTenantWechat(row);
  });
}

export async function wechatPlatformStatus(admin: AdminDatabase, env: Env): Promise<TWechatPlatformStatus> {
  const pay = wechatPayConfig(env);
  const component = wechatComponentConfig(env);
  const row = component ? await admin.withAdmin((tx) => tx.wechatComponent.findUnique({ where: { id: 1 } })) : null;
  return {
    pay: {
      configured: Boolean(pay),
      spMchid: pay?.spMchid ?? null,
      spAppid: pay?.spAppid ?? null,
      verification: pay
        ? [
            ...([...pay.verifiers.keys()].some((k) => !k.startsWith("PUB_KEY_ID_"))
              ? (["platform_certificate"] as const)
              : []),
            ...([...pay.verifiers.keys()].some((k) => k.startsWith("PUB_KEY_ID_")) ? (["public_key"] as const) : []),
          ]
        : [],
      notifyUrl: pay?.notifyUrl ?? null,
    },
    component: {
      configured: Boolean(component),
      appId: component?.appId ?? null,
      ticketAt: row?.ticketAt?.toISOString() ?? null,
      tokenExpiresAt: row?.accessTokenExpiresAt?.toISOString() ?? null,
    },
  };
}

export async function tenantBillRuns(admin: AdminDatabase, tenantId: string) {
  return admin.withAdmin(async (tx) => {
    if (!(await tx.tenant.findUnique({ where: { id: tenantId }, select: { id: true } }))) throw notFound("tenant");
    const runs = await tx.billRun.findMany({
      where: { tenantId },
      orderBy: { billDate: "desc" },
      take: 30,
      include: { items: { orderBy: { ref: "asc" } } },
    });
    return { items: runs.map(presentBillRun) };
  });
}
