import { apiEnvSchema } from "@todo/config/env";
import { AUTH_SECRET_FILE, localSecret } from "@todo/db/local-data";

/** Development: the cursor key generated into `.data/` when the API holds no other secret. */
export const CURSOR_SECRET_FILE = "api-cursor-secret";

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
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** The only reader of `process.env`. Throws a ConfigError listing every problem. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
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
    : (env.BETTER_AUTH_SECRET ?? localSecret(AUTH_SECRET_FILE));
  return {
    databaseUrl: env.DATABASE_URL,
    embedded: { port: env.EMBEDDED_PG_PORT, dataDir: env.EMBEDDED_PG_DATA_DIR },
    migrationDatabaseUrl: env.MIGRATION_DATABASE_URL,
    databaseDirectUrl: env.DATABASE_DIRECT_URL,
    authSecret,
    // HS256 mode may key cursors with the secret it holds anyway (ADR 0015).
    cursorSecret: env.API_CURSOR_SECRET ?? authSecret ?? localSecret(CURSOR_SECRET_FILE),
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
  };
}
