// After a WeChat-paid order ships, its shipping info goes to WeChat (the mini-program order-shipping
// API, /wxa/sec/order/upload_shipping_info, with the store's authorizer token): WeChat holds the
// store's settlement until it has it. Run by a job that retries; the order shows the status.
import type { Database } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import { fieldCipher } from "../../integrations/crypto/field-cipher.ts";
import { type ShippingInfo, TOKEN_ERRCODES, WechatApiError } from "../../integrations/wechat/open-client.ts";
import { chinaTime } from "../../integrations/wechat/pay-client.ts";
import { authorizerAccess, wechatOpen } from "./component.ts";

/** WeChat's delivery company codes for the carriers merchants name most (快递公司 as typed). */
export const WECHAT_CARRIER_CODES: Readonly<Record<string, string>> = {
  顺丰: "SF",
  顺丰速运: "SF",
  中通: "ZTO",
  中通快递: "ZTO",
  圆通: "YTO",
  圆通速递: "YTO",
  申通: "STO",
  申通快递: "STO",
  韵达: "YD",
  韵达快递: "YD",
  极兔: "JTSD",
  极兔速递: "JTSD",
  京东: "JD",
  京东物流: "JD",
  邮政: "YZPY",
  中国邮政: "YZPY",
  EMS: "EMS",
  德邦: "DBL",
  德邦快递: "DBL",
};

export function carrierCode(carrier: string): string | null {
  const name = carrier.trim();
  if (WECHAT_CARRIER_CODES[name]) return WECHAT_CARRIER_CODES[name] ?? null;
  const upper = name.toUpperCase();
  return Object.values(WECHAT_CARRIER_CODES).includes(upper) ? upper : null;
}

/** "138****8000", as WeChat wants a receiver's contact. */
function masked(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : "****";
}

export type UploadOutcome = "uploaded" | "not_needed" | "failed" | "already";

/** Throws on what is worth another try (WeChat busy or unreachable); records anything final. */
export async function uploadShippingInfo(
  db: Database,
  env: Env,
  tenantId: string,
  orderId: string,
): Promise<UploadOutcome> {
  const pre = await db.withTenant(tenantId, async (tx) => {
    const order = await tx.order.findUnique({
      where: { id: orderId },
      include: { payment: true, lines: { orderBy: { position: "asc" } } },
    });
    return order;
  });
  if (!pre) return "failed";
  if (pre.shippingUploadStatus === "uploaded") return "already";
  const record = (status: "uploaded" | "failed" | "not_needed", error: string | null) =>
    db.withTenant(tenantId, (tx) =>
      tx.order.update({
        where: { id: orderId },
        data: {
          shippingUploadStatus: status,
          shippingUploadError: error,
          shippingUploadedAt: status === "uploaded" ? new Date() : null,
        },
      }),
    );
  const payment = pre.payment;
  if (!payment?.transactionId || !wechatOpen(env)) {
    await record("not_needed", null);
    return "not_needed";
  }
  const titles = pre.lines.map((l) => l.title);
  const itemDesc = (titles.length > 1 ? `${titles[0]} 等${pre.itemCount}件` : (titles[0] ?? pre.number)).slice(0, 120);
  let item: ShippingInfo["shipping_list"][number];
  if (pre.delivery === "express") {
    const code = carrierCode(pre.carrier ?? "");
    if (!code || !pre.trackingNo) {
      await record(
        "failed",
        `WeChat does not know the carrier "${pre.carrier ?? ""}": use one of 顺丰, 中通, 圆通, 申通, 韵达, 极兔, 京东, 邮政, EMS, 德邦`,
      );
      return "failed";
    }
    const phone = pre.phoneEnc ? fieldCipher(env).decrypt(pre.phoneEnc) : "";
    item = {
      tracking_no: pre.trackingNo,
      express_company: code,
      item_desc: itemDesc,
      ...(phone ? { contact: { receiver_contact: masked(phone) } } : {}),
    };
  } else {
    item = { item_desc: itemDesc };
  }
  const info: ShippingInfo = {
    order_key: { order_number_type: 2, transaction_id: payment.transactionId },
    logistics_type: pre.delivery === "express" ? 1 : 4,
    delivery_mode: 1,
    shipping_list: [item],
    upload_time: chinaTime(new Date()),
    payer: { openid: payment.openid },
  };
  const client = wechatOpen(env);
  if (!client) return "not_needed";
  try {
    let { token } = await authorizerAccess(db, env, tenantId);
    try {
      await client.uploadShipping(token, info);
    } catch (err) {
      if (!(err instanceof WechatApiError) || !TOKEN_ERRCODES.has(err.errcode)) throw err;
      ({ token } = await authorizerAccess(db, env, tenantId, { forceRefresh: true }));
      await client.uploadShipping(token, info);
    }
  } catch (err) {
    if (err instanceof WechatApiError && !err.retryable) {
      await record("failed", err.message.slice(0, 300));
      return "failed";
    }
    throw err;
  }
  await record("uploaded", null);
  return "uploaded";
}
