import { generateKeyPairSync } from "node:crypto";
import { apiEnvSchema } from "@todo/config/env";
import { AUTH_SECRET_FILE, LOCAL_DATA_DIR, localFile, localSecret } from "@todo/db/local-data";
import type { MailSettings } from "@todo/mail/mailer";

/** Development: the cursor key generated into `.data/` when the API holds no other secret. */
export const CURSOR_SECRET_FILE = "api-cursor-secret";
/** Development: the VAPID key pair generated into `.data/` when none is configured. */
export const VAPID_KEYS_FILE = "vapid-keys.json";
/** Development: push services are unreachable anyway, and a mailto: URL has no host to warn of. */
const DEVELOPMENT_VAPID_SUBJECT = "mailto:no-reply@localhost";

/** Web Push's VAPID identity (RFC 8292). */
export interface VapidKeys {
  /** The uncompressed P-256 point, base64url: browsers subscribe with it. */
  publicKey: string;
  privateKey: string;
  /** `mailto:` or `https:`: whom push services contact about our traffic. */
  subject: string;
}

/** Everything the API reads from its environment, parsed once at start-up. */
export interface Config {
  /** The API's own role (roles.ts); unset: the embedded database. */
  databaseUrl: string | undefined;
  /** The embedded database when `databaseUrl` is unset: its port (0: a free one) and folder. */
  embedded: { port: number | undefined; dataDir: string | undefined };
  /** The owner, who applies migrations at start-up; unset: `databaseUrl`. */
  migrationDatabaseUrl: string | undefined;
  /** A direct (unpooled) connection for the revocation feed's LISTEN; unset: `databaseUrl`. */
  databaseDirectUrl: string | undefined;
  /** The HS256 key; undefined in JWKS mode, where the API holds nothing that can mint a token. */
  authSecret: string | undefined;
  /** The key list cursors are encrypted with (src/lib/cursor.ts derives its own key from it). */
  cursorSecret: string;
  /** The web app's origin: the tokens' `iss` and `aud`. */
  authUrl: string;
  /** Set: verify EdDSA tokens against this JWKS instead of HS256. */
  jwksUrl: string | undefined;
  corsOrigins: string[];
  rateLimitPerMinute: number;
  /** Proxies whose X-Forwarded-For / X-Real-IP are believed: a hop count (0: none) or CIDRs. */
  trustProxy: number | string[];
  host: string;
  port: number;
  /** More than 1: a cluster primary forks this many servers sharing the port (src/cluster.ts). */
  workers: number;
  /** How often each process's reminder worker looks for jobs that came due (src/plugins/app/jobs.ts). */
  reminderPollIntervalMs: number;
  logLevel: string;
  /** Production logs slow requests only; development every request (src/lib/logging.ts). */
  requestLog: "every" | "slow";
  /** Outside production: push endpoints on the loopback over http (src/lib/push-endpoint.ts). */
  allowLoopbackPush: boolean;
  /** Null: Web Push is off (production without VAPID keys). */
  vapid: VapidKeys | null;
  /** Where reminder emails go (packages/mail). */
  mail: MailSettings;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/**
 * The only reader of `process.env`. Throws a ConfigError listing every problem. Development
 * keeps what it generates (secrets, the VAPID key pair) in `localDataDir`.
 */
export function loadConfig(
  source: NodeJS.ProcessEnv = process.env,
  localDataDir: string = LOCAL_DATA_DIR,
): Config {
  const parsed = apiEnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`),
    );
  }
  const env = parsed.data;
  const authUrl = env.BETTER_AUTH_URL.replace(/\/+$/, "");
  const production = env.NODE_ENV === "production";
  // JWKS mode never reads the web app's secret, not even the development one in .data/.
  // Development without a secret: the one generated into .data/ and shared with the web app.
  const authSecret = env.AUTH_JWKS_URL
    ? undefined
    : (env.BETTER_AUTH_SECRET ?? localSecret(AUTH_SECRET_FILE, localDataDir));
  return {
    databaseUrl: env.DATABASE_URL,
    embedded: { port: env.EMBEDDED_PG_PORT, dataDir: env.EMBEDDED_PG_DATA_DIR },
    migrationDatabaseUrl: env.MIGRATION_DATABASE_URL,
    databaseDirectUrl: env.DATABASE_DIRECT_URL,
    authSecret,
    // HS256 mode may key cursors with the secret it holds anyway (ADR 0015).
    cursorSecret:
      env.API_CURSOR_SECRET ?? authSecret ?? localSecret(CURSOR_SECRET_FILE, localDataDir),
    authUrl,
    jwksUrl: env.AUTH_JWKS_URL,
    corsOrigins: (env.CORS_ORIGINS ?? authUrl)
      .split(",")
      .map((origin) => origin.trim().replace(/\/+$/, ""))
      .filter((origin) => origin !== ""),
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    trustProxy: env.TRUST_PROXY ?? 0,
    // Loopback unless deployed: a development server is not reachable from the network.
    host: env.API_HOST ?? (production ? "0.0.0.0" : "127.0.0.1"),
    port: env.API_PORT,
    workers: env.API_WORKERS,
    reminderPollIntervalMs: env.REMINDER_POLL_INTERVAL_MS,
    logLevel: env.LOG_LEVEL,
    requestLog: production ? "slow" : "every",
    allowLoopbackPush: !production,
    vapid: vapidKeys(env, production, localDataDir),
    mail: {
      NODE_ENV: env.NODE_ENV,
      SMTP_URL: env.SMTP_URL,
      MAIL_FROM: env.MAIL_FROM,
      MAIL_OUTBOX_DIR: env.MAIL_OUTBOX_DIR,
    },
  };
}

/**
 * The configured pair; else, in development, the pair generated once into `.data/` and shared
 * by every process; else (production) none.
 */
function vapidKeys(
  env: { VAPID_PUBLIC_KEY?: string; VAPID_PRIVATE_KEY?: string; VAPID_SUBJECT?: string },
  production: boolean,
  localDataDir: string,
): VapidKeys | null {
  const subject = env.VAPID_SUBJECT ?? DEVELOPMENT_VAPID_SUBJECT;
  if (env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY) {
    return { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY, subject };
  }
  if (production) return null;
  const stored = localFile(
    VAPID_KEYS_FILE,
    () => JSON.stringify(generateVapidKeys()),
    localDataDir,
  );
  const { publicKey, privateKey } = JSON.parse(stored) as Omit<VapidKeys, "subject">;
  return { publicKey, privateKey, subject };
}

/** A P-256 pair as VAPID spells it: the uncompressed point and the 32-byte scalar, base64url. */
function generateVapidKeys(): Omit<VapidKeys, "subject"> {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const { x = "", y = "", d = "" } = privateKey.export({ format: "jwk" });
  const point = Buffer.concat([
    Buffer.from([4]),
    Buffer.from(x, "base64url"),
    Buffer.from(y, "base64url"),
  ]);
  return { publicKey: point.toString("base64url"), privateKey: d };
}
