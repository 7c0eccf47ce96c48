// wechat.upload-shipping: uploads a shipped order's shipping info to WeChat (services/wechat/
// upload-shipping.ts); retried with backoff while WeChat is busy or unreachable. Idempotent: an
// order already uploaded is left alone (and WeChat accepts a re-upload of the same info).
import { ZUuid } from "@mallwright/schema";
import { z } from "zod";
import { uploadShippingInfo } from "../services/wechat/upload-shipping.ts";
import { defineJob } from "./define.ts";

export const uploadShippingJob = defineJob({
  name: "wechat.upload-shipping",
  version: 1,
  payload: z.object({ orderId: ZUuid }),
  retry: { attempts: 8, backoffMs: 30_000 },
  handler: async ({ orderId }, ctx) => {
    const tenantId = ctx.tenantId;
    if (!tenantId) throw new Error("wechat.upload-shipping needs a store");
    try {
      const outcome = await uploadShippingInfo(ctx.db, ctx.env, tenantId, orderId);
      ctx.log.info({ orderId, outcome }, "shipping info for WeChat");
    } catch (err) {
      // Out of tries: the order says so, and staff can retry from the order page.
      if (ctx.attempt >= uploadShippingJob.retry.attempts) {
        await ctx.db.withTenant(tenantId, (tx) =>
          tx.order.update({
            where: { id: orderId },
            data: {
              shippingUploadStatus: "failed",
              shippingUploadError: "WeChat did not answer; retry from the order",
            },
          }),
        );
      }
      throw err;
    }
  },
});
