import "server-only";
import proxyaddr from "@fastify/proxy-addr";
import { AUTH_SECRET_FILE, localSecret, secretWeakness } from "@todo/db/local-data";
import { z } from "zod";
import { log } from "./log";

/** Contract section 2: tokens live 15 minutes. Tests shorten it. */
export const TOKEN_TTL_DEFAULT_SECONDS = 900;

const positiveInt = z.coerce.number().int().positive();

/**
 * Contract section 13: the proxies in front, as a hop count (`1`) or comma-separated CIDRs.
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
});

export type Env = Omit<z.output<typeof envSchema>, "BETTER_AUTH_SECRET"> & {
  BETTER_AUTH_SECRET: string;
};

/** Validates a set of variables; throws one error that lists every problem. */
export function parseEnv(source: Record<string, string | undefined>): Env {
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
  const { BETTER_AUTH_SECRET, ...env } = result.data;
  if (BETTER_AUTH_SECRET) return { ...env, BETTER_AUTH_SECRET };
  if (env.NODE_ENV === "production") {
    throw new Error(
      "Invalid environment for the web app:\n- BETTER_AUTH_SECRET is required when NODE_ENV=production",
    );
  }
  // Development: the secret that `npm start` shares with the API, kept in .data/.
  return { ...env, BETTER_AUTH_SECRET: localSecret(AUTH_SECRET_FILE) };
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
