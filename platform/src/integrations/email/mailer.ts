// Sending email: SMTP when SMTP_URL is set, else a console transport for development, and an
// in-memory one for tests. Messages carry addresses and links, so none of them go to the logger.
import type { Writable } from "node:stream";
import nodemailer from "nodemailer";
import type { Env } from "../../env.ts";
import type { Logger } from "../../logger.ts";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
}

export interface Mailer {
  send(msg: MailMessage): Promise<void>;
}

export interface MemoryMailer extends Mailer {
  readonly sent: MailMessage[];
}

export function createMailer(env: Env, log: Logger, out: Writable = process.stdout): Mailer {
  if (env.SMTP_URL) return createSmtpMailer(env.SMTP_URL, env.MAIL_FROM, log);
  if (env.NODE_ENV === "production") log.warn("SMTP_URL is not set: emails are printed to stdout, not sent");
  return createConsoleMailer(env.MAIL_FROM, out);
}

export function createSmtpMailer(smtpUrl: string, from: string, log: Logger): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(msg) {
      try {
        const info = await transport.sendMail({
          from,
          to: msg.to,
          subject: msg.subject,
          text: msg.text,
          html: msg.html,
        });
        log.debug({ messageId: info.messageId }, "email sent");
      } catch (err) {
        // SMTP errors quote rejected recipients; this message ends up in logs and job records.
        throw new Error(`SMTP send failed${describeSmtpError(err)}`);
      }
    },
  };
}

function describeSmtpError(err: unknown): string {
  if (typeof err !== "object" || err === null) return "";
  const code = "code" in err && typeof err.code === "string" ? err.code : undefined;
  const status = "responseCode" in err && typeof err.responseCode === "number" ? err.responseCode : undefined;
  const parts = [code, status].filter((p) => p !== undefined);
  return parts.length ? ` (${parts.join(" ")})` : "";
}

/** Development transport: the developer reads invite and reset links here, in a block of its own. */
export function createConsoleMailer(from: string, out: Writable = process.stdout): Mailer {
  return {
    async send(msg) {
      const rule = "─".repeat(72);
      const block = [
        "",
        `${rule}`,
        "Email (development: printed, not sent; set SMTP_URL to send)",
        `From:    ${from}`,
        `To:      ${msg.to}`,
        `Subject: ${msg.subject}`,
        "",
        msg.text.trimEnd(),
        ...(msg.html ? ["", "(an HTML version was also provided)"] : []),
        rule,
        "",
      ].join("\n");
      out.write(`${block}\n`);
    },
  };
}

export function createMemoryMailer(): MemoryMailer {
  const sent: MailMessage[] = [];
  return {
    sent,
    async send(msg) {
      sent.push({ ...msg });
    },
  };
}
