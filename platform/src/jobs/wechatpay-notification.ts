// payments.wechat-notification: applies one recorded WeChat Pay notification (wechat-notify.ts).
// Idempotent: the notification row is locked and marked applied in the same transaction.
import { z } from "zod";
import { applyWechatNotification } from "../services/payments/wechat-notify.ts";
import { defineJob } from "./define.ts";

export const applyWechatNotificationJob = defineJob({
  name: "payments.wechat-notification",
  version: 1,
  payload: z.object({ notificationId: z.string().min(1).max(64) }),
  retry: { attempts: 8, backoffMs: 5_000 },
  handler: async ({ notificationId }, ctx) => {
    const tenantId = ctx.tenantId;
    if (!tenantId) throw new Error("payments.wechat-notification needs a store");
    const outcome = await applyWechatNotification(ctx.db, ctx.env, tenantId, notificationId);
    ctx.log.info({ notificationId, outcome }, "applied a WeChat Pay notification");
  },
});
