// WeChat's calls to us: WeChat Pay's payment and refund notifications, and the third-party
// platform's pushes (the component verify ticket). Public by nature; each is verified by signature
// (and decrypted) before anything is read, and nothing unverified changes anything.
import { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { defineRoute } from "../../http/access.ts";
import type { AppEnv } from "../../http/context.ts";
import { json } from "../../http/responses.ts";
import { validationHook } from "../../http/validation.ts";
import { receiveWechatNotification } from "../../services/payments/wechat-notify.ts";
import { receiveComponentPush } from "../../services/wechat/component.ts";

const tags = ["webhooks"];
const ZWechatFail = z.object({ code: z.string(), message: z.string() });

export const wechatWebhookRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    defineRoute({
      method: "post",
      path: "/wechatpay/notify",
      tags,
      summary: "WeChat Pay notifications (payments and refunds), verified by signature",
      description:
        "Wechatpay-Signature over the raw body with the key Wechatpay-Serial names, a timestamp within 5 minutes, the resource decrypted with the APIv3 key. 204 once recorded (a repeat of the same id is 204 too and changes nothing); failures answer 4xx with {code: FAIL, message} as WeChat Pay expects.",
      access: { kind: "public", reason: "WeChat Pay calls it; every request is verified by its signature" },
      responses: {
        204: { description: "Recorded (applied once by a job)" },
        400: json(ZWechatFail, "Verified but not ours or not matching"),
        401: json(ZWechatFail, "Signature, serial or timestamp failed"),
        404: json(ZWechatFail, "WeChat Pay is not configured"),
      },
    }),
    async (c) => {
      const { db, env } = c.get("deps");
      const raw = await c.req.text();
      const answer = await receiveWechatNotification(
        { db, env, log: c.get("deps").log },
        (name) => c.req.header(name),
        raw,
      );
      if (answer.status === 204 || !answer.body) return c.body(null, 204);
      return c.json(answer.body, answer.status === 400 ? 400 : answer.status === 404 ? 404 : 401);
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/wechat/component",
      tags,
      summary: "WeChat third-party platform pushes (component_verify_ticket, authorization events)",
      description:
        "The encrypted envelope WeChat pushes to the authorization event URL: msg_signature checked, AES-256-CBC decrypted with the EncodingAESKey. Answers `success`.",
      access: { kind: "public", reason: "WeChat calls it; every push is verified by msg_signature and decrypted" },
      request: {
        query: z.object({
          msg_signature: z.string().max(64).optional(),
          timestamp: z.string().max(16).optional(),
          nonce: z.string().max(64).optional(),
          signature: z.string().max(64).optional(),
          encrypt_type: z.string().max(16).optional(),
        }),
      },
      responses: {
        200: { description: "success", content: { "text/plain": { schema: z.string() } } },
        400: { description: "Refused", content: { "text/plain": { schema: z.string() } } },
        401: { description: "Signature failed", content: { "text/plain": { schema: z.string() } } },
        404: { description: "Not configured", content: { "text/plain": { schema: z.string() } } },
      },
    }),
    async (c) => {
      const { db, env, log } = c.get("deps");
      const q = c.req.valid("query");
      const answer = await receiveComponentPush({ db, env, log }, q, await c.req.text());
      return c.text(answer.text, answer.status);
    },
  );
