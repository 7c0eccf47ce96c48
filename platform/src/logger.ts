// The JSON logger (pino). Secrets and personal data are redacted by key wherever they appear.
import { type Logger, pino } from "pino";

export type { Logger };

/** Keys never written to logs, at any depth pino's redaction can reach. */
export const REDACTED_KEYS = [
  "password",
  "newPassword",
  "token",
  "authorization",
  "cookie",
  "set-cookie",
  "email",
  "ownerEmail",
  "phone",
  "secret",
  "apiKey",
  "inviteUrl",
  "resetUrl",
  "privateKey",
  "apiV3Key",
  "appSecret",
  "encodingAesKey",
  "openid",
  "session_key",
  "ticket",
  "access_token",
];

const paths = REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `req.headers.${k}`]);

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "mallwright" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths, censor: "[redacted]" },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
