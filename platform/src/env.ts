// The only reader of process.env: every setting, its default and its validation, parsed once.
import { fileURLToPath } from "node:url";
import { z } from "zod";

/** Local data (embedded database, demo password) lives at the repository root unless DATA_DIR says otherwise. */
const DEFAULT_DATA_DIR = fileURLToPath(new URL("../../.mallwright", import.meta.url));
/** The built builder (npm run build -w @mallwright/builder), served by the Node server at `/`. */
const DEFAULT_BUILDER_DIST = fileURLToPath(new URL("../../builder/dist", import.meta.url));

const bool = z.enum(["true", "false", "1", "0", ""]).transform((v) => v === "true" || v === "1");

const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),

  DATABASE_URL: z.string().optional(),
  DATABASE_APP_URL: z.string().optional(),
  DATABASE_ADMIN_URL: z.string().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Order submissions of one store writing in PostgreSQL at once, per process (services/orders/store-lanes.ts). */
  ORDER_WRITES_PER_STORE: z.coerce.number().int().min(1).max(50).default(2),
  DATA_DIR: z.string().default(DEFAULT_DATA_DIR),
  BUILDER_DIST: z.string().default(DEFAULT_BUILDER_DIST),

  REDIS_URL: z.string().optional(),
  RELAY_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(5),

  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(72),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(1024 * 1024),
  LOGIN_MAX_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_PER_IP: z.coerce.number().int().min(1).default(50),
  LOGIN_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(15 * 60),
  TRUST_PROXY: bool.default(false),

  MEDIA_PUBLIC_URL: z.url().optional(),
  /** Local media folder (when S3_BUCKET is unset); default `<DATA_DIR>/media`. */
  MEDIA_DIR: z.string().optional(),
  S3_BUCKET: z.string().optional(),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: bool.default(false),

  /** Signs draft preview links (HMAC-SHA256); required in production, made up per process otherwise. */
  PREVIEW_SECRET: z.string().min(32, "PREVIEW_SECRET must be at least 32 characters").optional(),

  /**
   * Keys for personal data at rest (shoppers' phones and addresses), AES-256-GCM: `id:base64key`
   * (32 bytes), comma-separated; the first encrypts, every one decrypts (rotation: put the new key
   * first and keep the old ones). Required in production; otherwise one is made and kept in DATA_DIR.
   */
  DATA_ENCRYPTION_KEYS: z
    .string()
    .regex(
      /^[A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/=_-]{43,44}(,[A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/=_-]{43,44})*$/,
      "DATA_ENCRYPTION_KEYS must be id:base64key[,id:base64key...] with 32-byte keys",
    )
    .optional(),

  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Mallwright <no-reply@mallwright.local>"),

  /**
   * WeChat Pay v3, partner (service-provider) mode: the platform's sp_mchid and sp_appid, its
   * merchant API key (PEM, or a file holding it) and that certificate's serial, the APIv3 key, and
   * how WeChat's signatures are checked: platform certificates (PEM bundle), the WeChat Pay public
   * key with its id (PUB_KEY_ID_...), or both during a switch. Secrets are never logged or returned.
   */
  WECHATPAY_SP_MCHID: z
    .string()
    .regex(/^[0-9]{8,32}$/, "WECHATPAY_SP_MCHID must be digits")
    .optional(),
  WECHATPAY_SP_APPID: z
    .string()
    .regex(/^wx[0-9a-f]{16}$/, "WECHATPAY_SP_APPID must look like wx + 16 hex")
    .optional(),
  WECHATPAY_PRIVATE_KEY: z.string().optional(),
  WECHATPAY_PRIVATE_KEY_FILE: z.string().optional(),
  WECHATPAY_CERT_SERIAL: z
    .string()
    .regex(/^[0-9A-Fa-f]{8,64}$/, "WECHATPAY_CERT_SERIAL must be hex")
    .optional(),
  WECHATPAY_APIV3_KEY: z.string().length(32, "WECHATPAY_APIV3_KEY must be 32 characters").optional(),
  WECHATPAY_APIV3_KEY_FILE: z.string().optional(),
  WECHATPAY_PLATFORM_CERTS: z.string().optional(),
  WECHATPAY_PLATFORM_CERTS_FILE: z.string().optional(),
  WECHATPAY_PUBLIC_KEY: z.string().optional(),
  WECHATPAY_PUBLIC_KEY_FILE: z.string().optional(),
  WECHATPAY_PUBLIC_KEY_ID: z
    .string()
    .regex(/^PUB_KEY_ID_[0-9A-Za-z]+$/, "WECHATPAY_PUBLIC_KEY_ID must be PUB_KEY_ID_...")
    .optional(),
  WECHATPAY_BASE_URL: z.url().default("https://api.mch.weixin.qq.com"),
  /** Where WeChat sends payment and refund notifications; default PUBLIC_URL + /webhooks/wechatpay/notify. */
  WECHATPAY_NOTIFY_URL: z.url().optional(),
  WECHAT_HTTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /**
   * The WeChat third-party platform (component) through which the stores' mini-programs are
   * authorized: its appid and secret, and the message token and EncodingAESKey of its pushes.
   */
  WECHAT_COMPONENT_APPID: z
    .string()
    .regex(/^wx[0-9a-f]{16}$/, "WECHAT_COMPONENT_APPID must look like wx + 16 hex")
    .optional(),
  WECHAT_COMPONENT_SECRET: z.string().optional(),
  WECHAT_COMPONENT_SECRET_FILE: z.string().optional(),
  WECHAT_COMPONENT_TOKEN: z.string().min(3).max(32).optional(),
  WECHAT_COMPONENT_AES_KEY: z.string().length(43, "WECHAT_COMPONENT_AES_KEY must be 43 characters").optional(),
  WECHAT_COMPONENT_AES_KEY_FILE: z.string().optional(),
  WECHAT_API_BASE_URL: z.url().default("https://api.weixin.qq.com"),

  /** Plans: a JSON file of overrides of the default quotas, features and displayed prices. */
  PLANS_FILE: z.string().optional(),
  /** Days of the trial a new store starts with (on the plan chosen at provisioning). */
  BILLING_TRIAL_DAYS: z.coerce.number().int().min(0).max(365).default(14),
  /** Days a store stays open while its invoice is unpaid (past_due), before it is suspended. */
  BILLING_GRACE_DAYS: z.coerce.number().int().min(0).max(90).default(7),
  /** Stripe: the secret key, the webhook signing secret, and the Stripe price of each plan and interval. */
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_SECRET_KEY_FILE: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  STRIPE_WEBHOOK_SECRET_FILE: z.string().optional(),
  /** Another Stripe API origin (a local stand-in); default Stripe's own. */
  STRIPE_API_BASE: z.url().optional(),
  STRIPE_PRICE_GROWTH_MONTH: z.string().optional(),
  STRIPE_PRICE_GROWTH_YEAR: z.string().optional(),
  STRIPE_PRICE_PRO_MONTH: z.string().optional(),
  STRIPE_PRICE_PRO_YEAR: z.string().optional(),

  TEST_DATABASE_URL: z.string().optional(),
  TEST_REDIS_URL: z.string().optional(),
  /** Name of this run's migrated template database (set by the test runner; one per run). */
  TEST_TEMPLATE_DB: z
    .string()
    .regex(/^[a-z0-9_]{1,60}$/)
    .default("mallwright_test_template"),

  MALLWRIGHT_DEMO_PASSWORD: z.string().min(10, "MALLWRIGHT_DEMO_PASSWORD must be at least 10 characters").optional(),
  MALLWRIGHT_SEED_DEMO: bool.optional(),
});

export type Env = z.infer<typeof ZEnv> & { publicUrl: string };

/** Parses settings from `source` (default: the process environment) layered under `overrides`. */
export function loadEnv(
  overrides: Record<string, string | undefined> = {},
  source: NodeJS.ProcessEnv = process.env,
): Env {
  const merged: Record<string, string | undefined> = { ...source, ...overrides };
  for (const [k, v] of Object.entries(merged)) if (v === "") merged[k] = undefined;
  const parsed = ZEnv.safeParse(merged);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const env = parsed.data;
  if (env.NODE_ENV === "production" && !env.PREVIEW_SECRET) {
    // A per-process secret would make preview links fail on every other instance and after a restart.
    throw new Error("Invalid configuration:\n  PREVIEW_SECRET: required in production (32+ characters)");
  }
  if (env.NODE_ENV === "production" && !env.DATA_ENCRYPTION_KEYS) {
    // A key made up on one machine would leave every other instance unable to read what it wrote.
    throw new Error("Invalid configuration:\n  DATA_ENCRYPTION_KEYS: required in production (id:base64 of 32 bytes)");
  }
  return { ...env, publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}` };
}
