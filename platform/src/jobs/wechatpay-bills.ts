// payments.wechat-bills (platform, daily): fans out one payments.wechat-bill per store with a
// sub-merchant; payments.wechat-bill downloads and reconciles that store's trade bill for the day
// (services/payments/reconcile-bill.ts). Idempotent: one row per store and day is enqueued (the
// dedupe key), and a run replaces that day's earlier result.
import { z } from "zod";
import { reconcileBill } from "../services/payments/reconcile-bill.ts";
import { wechatPay } from "../services/payments/wechat-pay.ts";
import { defineJob } from "./define.ts";
import { enqueue } from "./outbox.ts";

const ZBillDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const reconcileStoreBillJob = defineJob({
  name: "payments.wechat-bill",
  version: 1,
  payload: z.object({ billDate: ZBillDate, subMchid: z.string().regex(/^[0-9]{8,32}$/) }),
  retry: { attempts: 6, backoffMs: 60_000 },
  handler: async ({ billDate, subMchid }, ctx) => {
    const tenantId = ctx.tenantId;
    if (!tenantId) throw new Error("payments.wechat-bill needs a store");
    const client = wechatPay(ctx.env);
    if (!client) return;
    const r = await reconcileBill(ctx.db, client, tenantId, subMchid, billDate);
    ctx.log.info({ billDate, ...r }, "reconciled a WeChat Pay bill");
  },
});

export const reconcileBillsJob = defineJob({
  name: "payments.wechat-bills",
  version: 1,
  payload: z.object({ billDate: ZBillDate }),
  retry: { attempts: 5, backoffMs: 60_000 },
  handler: async ({ billDate }, ctx) => {
    if (!wechatPay(ctx.env)) return;
    const stores = await ctx.db.withApp(
      (tx) => tx.$queryRaw<{ tenant_id: string; sub_mchid: string }[]>`
        SELECT tenant_id::text AS tenant_id, sub_mchid FROM mw_wechat_sub_merchants()`,
    );
    for (const s of stores) {
      await ctx.db.withTenant(s.tenant_id, (tx) =>
        enqueue(tx, reconcileStoreBillJob, { billDate, subMchid: s.sub_mchid }, { dedupeKey: billDate }),
      );
    }
    ctx.log.info({ billDate, stores: stores.length }, "queued the day's WeChat Pay bills");
  },
});
