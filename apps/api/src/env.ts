import { isIP } from "node:net";
import { EMBEDDED_DEFAULT_PORT } from "@todo/db/embedded";
import { AUTH_SECRET_FILE, localSecret, secretWeakness } from "@todo/db/local-data";
import { z } from "zod";

/** Development: the cursor key generated into `.data/` when the API holds no other secret. */
export const CURSOR_SECRET_FILE = "api-cursor-secret";

const port = z.coerce.number().int().min(0).max(65_535);
const positiveInt = z.coerce.number().int().positive();
const emptyAsUnset = (value: unknown) => (value === "" ? undefined : value);
const secret = (name: string) =>
  z.preprocess(
    emptyAsUnset,
    z
      .string()
      .superRefine((value, ctx) => {
        const weakness = secretWeakness(name, value);
        if (weakness) ctx.addIssue({ code: "custom", message: weakness });
      })
      .optional(),
  );

/** An IPv4 or IPv6 address, optionally with a prefix length: `10.0.0.0/8`, `::1`. */
function isCidr(entry: string): boolean {
  const [address = "", prefix, ...rest] = entry.split("/");
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  return (
    prefix === undefined ||
    (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128))
  );
}

/** A hop count (`0` trusts nothing), or the proxies' addresses as comma-separated CIDRs. */
const trustProxy = z.preprocess(
  emptyAsUnset,
  z
    .string()
    .default("0")
    .transform((value, context) => {
      if (/^\d+$/.test(value.trim())) return Number(value);
      const entries = value.split(",").map((entry) => entry.trim());
      const invalid = entries.filter((entry) => !isCidr(entry));
      if (invalid.length > 0) {
        context.addIssue({
          code: "custom",
          message: `must be a hop count or comma-separated CIDRs; not valid: ${invalid.join(", ")}`,
        });
        return z.NEVER;
      }
      return entries;
    }),
);

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z.preprocess(emptyAsUnset, z.string().url().optional()),
    EMBEDDED_PG_PORT: z.preprocess(emptyAsUnset, port.default(EMBEDDED_DEFAULT_PORT)),
    EMBEDDED_PG_DATA_DIR: z.preprocess(emptyAsUnset, z.string().optional()),
    MIGRATION_DATABASE_URL: z.preprocess(emptyAsUnset, z.string().url().optional()),
    DATABASE_DIRECT_URL: z.preprocess(emptyAsUnset, z.string().url().optional()),
    BETTER_AUTH_SECRET: secret("BETTER_AUTH_SECRET"),
    API_CURSOR_SECRET: secret("API_CURSOR_SECRET"),
    BETTER_AUTH_URL: z.preprocess(emptyAsUnset, z.url().default("http://localhost:3000")),
    API_HOST: z.preprocess(emptyAsUnset, z.string().optional()),
    API_PORT: z.preprocess(emptyAsUnset, port.default(8000)),
    CORS_ORIGINS: z.preprocess(emptyAsUnset, z.string().optional()),
    AUTH_JWKS_URL: z.preprocess(emptyAsUnset, z.url().optional()),
    TRUST_PROXY: trustProxy,
    RATE_LIMIT_PER_MINUTE: z.preprocess(emptyAsUnset, positiveInt.default(600)),
    API_WORKERS: z.preprocess(emptyAsUnset, positiveInt.default(1)),
    LOG_LEVEL: z.preprocess(
      emptyAsUnset,
      z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    ),
  })
  .refine(
    (env) =>
      env.NODE_ENV !== "production" ||
      env.AUTH_JWKS_URL !== undefined ||
      env.BETTER_AUTH_SECRET !== undefined,
    {
      path: ["BETTER_AUTH_SECRET"],
      message:
        "BETTER_AUTH_SECRET is required when NODE_ENV=production (unless AUTH_JWKS_URL is set)",
    },
  )
  .refine(
    (env) =>
      env.NODE_ENV !== "production" ||
      env.AUTH_JWKS_URL === undefined ||
      env.API_CURSOR_SECRET !== undefined,
    {
      path: ["API_CURSOR_SECRET"],
      message: "API_CURSOR_SECRET is required when NODE_ENV=production and AUTH_JWKS_URL is set",
    },
  )
  .refine((env) => env.MIGRATION_DATABASE_URL === undefined || env.DATABASE_URL !== undefined, {
    path: ["MIGRATION_DATABASE_URL"],
    message: "MIGRATION_DATABASE_URL needs DATABASE_URL (the API's own role) as well",
  });

/** Everything the API reads from its environment, parsed once at start-up. */
export interface Config {
  /** The API's own role (roles.ts); unset: the embedded database. */
  databaseUrl: string | undefined;
  /** The embedded database when `databaseUrl` is unset: its port (0: a free one) and folder. */
  embedded: { port: number; dataDir: string | undefined };
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
  logLevel: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** The only reader of `process.env`. Throws a ConfigError listing every problem. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(source);
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
    trustProxy: env.TRUST_PROXY,
    // Loopback unless deployed: a development server is not reachable from the network.
    host: env.API_HOST ?? (production ? "0.0.0.0" : "127.0.0.1"),
    port: env.API_PORT,
    workers: env.API_WORKERS,
    logLevel: env.LOG_LEVEL,
  };
}
