import { AUTH_SECRET_FILE, localSecret } from "@todo/db/local-data";
import { z } from "zod";

export const SECRET_MIN_LENGTH = 32;

const port = z.coerce.number().int().min(0).max(65_535);
const positiveInt = z.coerce.number().int().positive();
const emptyAsUnset = (value: unknown) => (value === "" ? undefined : value);

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z.preprocess(emptyAsUnset, z.string().url().optional()),
    DATABASE_DIRECT_URL: z.preprocess(emptyAsUnset, z.string().url().optional()),
    BETTER_AUTH_SECRET: z.preprocess(
      emptyAsUnset,
      z
        .string()
        .min(
          SECRET_MIN_LENGTH,
          `BETTER_AUTH_SECRET must be at least ${SECRET_MIN_LENGTH} characters long`,
        )
        .optional(),
    ),
    BETTER_AUTH_URL: z.preprocess(emptyAsUnset, z.url().default("http://localhost:3000")),
    API_HOST: z.preprocess(emptyAsUnset, z.string().default("0.0.0.0")),
    API_PORT: z.preprocess(emptyAsUnset, port.default(8000)),
    CORS_ORIGINS: z.preprocess(emptyAsUnset, z.string().optional()),
    AUTH_JWKS_URL: z.preprocess(emptyAsUnset, z.url().optional()),
    RATE_LIMIT_PER_MINUTE: z.preprocess(emptyAsUnset, positiveInt.default(600)),
    API_WORKERS: z.preprocess(emptyAsUnset, positiveInt.default(1)),
    LOG_LEVEL: z.preprocess(
      emptyAsUnset,
      z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    ),
  })
  .refine((env) => env.NODE_ENV !== "production" || env.BETTER_AUTH_SECRET !== undefined, {
    path: ["BETTER_AUTH_SECRET"],
    message: "BETTER_AUTH_SECRET is required when NODE_ENV=production",
  });

/** Everything the API reads from its environment, parsed once at start-up. */
export interface Config {
  databaseUrl: string | undefined;
  /** A direct (unpooled) connection for the revocation feed's LISTEN; unset: `databaseUrl`. */
  databaseDirectUrl: string | undefined;
  /** HS256 key (default mode) and the key that cursors are signed with. */
  authSecret: string;
  /** The web app's origin: the tokens' `iss` and `aud`. */
  authUrl: string;
  /** Set: verify EdDSA tokens against this JWKS instead of HS256. */
  jwksUrl: string | undefined;
  corsOrigins: string[];
  rateLimitPerMinute: number;
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
  return {
    databaseUrl: env.DATABASE_URL,
    databaseDirectUrl: env.DATABASE_DIRECT_URL,
    // Development without a secret: the one generated into .data/ and shared with the web app.
    authSecret: env.BETTER_AUTH_SECRET ?? localSecret(AUTH_SECRET_FILE),
    authUrl,
    jwksUrl: env.AUTH_JWKS_URL,
    corsOrigins: (env.CORS_ORIGINS ?? authUrl)
      .split(",")
      .map((origin) => origin.trim().replace(/\/+$/, ""))
      .filter((origin) => origin !== ""),
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    host: env.API_HOST,
    port: env.API_PORT,
    workers: env.API_WORKERS,
    logLevel: env.LOG_LEVEL,
  };
}
