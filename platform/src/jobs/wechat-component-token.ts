// wechat.component-token (platform, every 10 minutes): renews the component access token when it
// has less than 20 minutes left (it lives 2 hours). Idempotent: a fresh token is left alone.
import { z } from "zod";
import { wechatComponentConfig } from "../integrations/wechat/config.ts";
import { COMPONENT_REFRESH_AHEAD_MS, refreshComponentToken } from "../services/wechat/component.ts";
import { defineJob } from "./define.ts";

export const refreshComponentTokenJob = defineJob({
  name: "wechat.component-token",
  version: 1,
  payload: z.object({}),
  retry: { attempts: 3, backoffMs: 30_000 },
  handler: async (_payload, ctx) => {
    if (!wechatComponentConfig(ctx.env)) return;
    const row = await ctx.db.withApp((tx) => tx.wechatComponent.findUnique({ where: { id: 1 } }));
    if (!row?.verifyTicketEnc) {
      ctx.log.warn("no component verify ticket from WeChat yet: the component token waits");
      return;
    }
    if ((row.accessTokenExpiresAt?.getTime() ?? 0) > Date.now() + COMPONENT_REFRESH_AHEAD_MS) return;
    const expiresAt = await refreshComponentToken(ctx.db, ctx.env);
    ctx.log.info({ expiresAt }, "renewed the WeChat component token");
  },
});
