import "server-only";
import { join } from "node:path";
import proxyaddr from "@fastify/proxy-addr";
import { AUTH_SECRET_FILE, LOCAL_DATA_DIR, localSecret, secretWeakness } from "@todo/db/local-data";
import { z } from "zod";
import { log } from "./log";

/** docs/api.md, Tokens: tokens live 15 minutes. Tests shorten it. */
export const TOKEN_TTL_DEFAULT_SECONDS = 900;

const positiveInt = z.coerce.number().int().positive();

/**
 * docs/api.md, Transport: the proxies in front, as a hop count (`1`) or comma-separated CIDRs.
 * Unset: no forwarded header is believed.
 */
const trustProxy = z.string().transform((value, ctx) => {
  if (/^\d+$/.test(value)) return Number(value);
  const ranges = value.split(",").map((range) => range.trim());
  try {
    proxyaddr.compile(ranges);
  } catch {
    ctx.addIssue({
      code: "custom",
      message: "TRUST_PROXY must be a hop count (1) or comma-separated CIDRs (10.0.0.0/8,::1)",
    });
    return z.NEVER;
  }
  return ranges;
});

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string({ error: "DATABASE_URL is required" }),
  BETTER_AUTH_SECRET: z
    .string()
    .superRefine((secret, ctx) => {
      const weakness = secretWeakness("BETTER_AUTH_SECRET", secret);
      if (weakness) ctx.addIssue({ code: "custom", message: weakness });
    })
    .optional(),
  // Without a trailing slash, as the API compares it with the tokens' `iss` and `aud`.
  BETTER_AUTH_URL: z
    .url({ protocol: /^https?$/ })
    .default("http://localhost:3000")
    .transform((url) => url.replace(/\/+$/, "")),
  API_URL: z.url({ protocol: /^https?$/ }).default("http://localhost:8000"),
  AUTH_RATE_LIMIT_PER_MINUTE: positiveInt.default(10),
  TRUST_PROXY: trustProxy.optional(),
  AUTH_TOKEN_ALG: z.enum(["HS256", "EdDSA"]).default("HS256"),
  AUTH_TOKEN_TTL_SECONDS: positiveInt
    .max(TOKEN_TTL_DEFAULT_SECONDS)
    .default(TOKEN_TTL_DEFAULT_SECONDS),
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: "SMTP_URL must be an smtp:// or smtps:// URL" })
    .optional(),
  MAIL_FROM: z.string().trim().min(3).default("Todo <no-reply@localhost>"),
  MAIL_OUTBOX_DIR: z.string().default(join(LOCAL_DATA_DIR, "mail")),
  REQUIRE_EMAIL_VERIFICATION: z.stringbool().optional(),
});

type ParsedEnv = z.output<typeof envSchema>;

export type Env = Omit<ParsedEnv, "BETTER_AUTH_SECRET" | "REQUIRE_EMAIL_VERIFICATION"> & {
  BETTER_AUTH_SECRET: string;
  REQUIRE_EMAIL_VERIFICATION: boolean;
};

/**
 * Validates a set of variables; throws one error that lists every problem. Without a secret,
 * development uses the one kept in `localDataDir`.
 */
export function parseEnv(
  source: Record<string, string | undefined>,
  localDataDir: string = LOCAL_DATA_DIR,
): Env {
  // An empty value means "unset", as in most shells' `VAR= command`.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues
      .map(({ path, message }) => {
        const name = String(path[0]);
        return `- ${message.startsWith(name) ? message : `${name}: ${message}`}`;
      })
      .join("\n");
    throw new Error(`Invalid environment for the web app:\n${problems}`);
  }
  const { BETTER_AUTH_SECRET, REQUIRE_EMAIL_VERIFICATION, ...env } = result.data;
  const production = env.NODE_ENV === "production";
  const missing = [
    production && !BETTER_AUTH_SECRET && "BETTER_AUTH_SECRET is required when NODE_ENV=production",
    // The outbox is for development and tests: in production a message must really leave.
    production && !env.SMTP_URL && "SMTP_URL is required when NODE_ENV=production",
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new Error(`Invalid environment for the web app:\n- ${missing.join("\n- ")}`);
  }
  return {
    ...env,
    // Development: the secret that `npm start` shares with the API, kept in .data/.
    BETTER_AUTH_SECRET: BETTER_AUTH_SECRET ?? localSecret(AUTH_SECRET_FILE, localDataDir),
    REQUIRE_EMAIL_VERIFICATION: REQUIRE_EMAIL_VERIFICATION ?? production,
  };
}

let cached: Env | undefined;

/** The web server's configuration, read once. The only reader of `process.env` in the app. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Start-up check: prints what is wrong and stops the process instead of serving errors. */
export function assertValidEnv(): void {
  try {
    getEnv();
  } catch (error) {
    log("error", error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
