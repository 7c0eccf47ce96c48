// email.send: delivers one email through the configured mailer (SMTP, or stdout in development).
// Idempotent as far as SMTP allows: a retry after the server accepted the message but the
// connection dropped can deliver it twice; it never half-sends.
import { z } from "zod";
import { defineJob } from "./define.ts";

export const ZSendEmailPayload = z.object({
  to: z.email(),
  subject: z.string().min(1).max(300),
  text: z.string().min(1).max(100_000),
  html: z.string().max(500_000).optional(),
});
export type TSendEmailPayload = z.infer<typeof ZSendEmailPayload>;

export const sendEmailJob = defineJob({
  name: "email.send",
  version: 1,
  payload: ZSendEmailPayload,
  retry: { attempts: 6, backoffMs: 30_000 },
  handler: (payload, ctx) => ctx.mailer.send(payload),
});
