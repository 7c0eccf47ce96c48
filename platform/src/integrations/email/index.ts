// Entry point of the email integration (see mailer.ts).
export {
  createConsoleMailer,
  createMailer,
  createMemoryMailer,
  createSmtpMailer,
  type Mailer,
  type MailMessage,
  type MemoryMailer,
} from "./mailer.ts";
