/**
 * The one configuration schema: every variable the web app, the API and the launcher read, each
 * defined once and composed into one schema per process. The processes' env modules
 * (`apps/web/src/lib/env.ts`, `apps/api/src/env.ts`, `scripts/lib/env.ts`) parse with these and
 * derive their defaults that need the file system; they are the only readers of `process.env`.
 * An empty value means "unset", as in most shells' `VAR= command`.
 */
import { createECDH } from "node:crypto";
import { isIP } from "node:net";
import { join } from "node:path";
import { LOCAL_DATA_DIR, secretWeakness } from "@todo/db/local-data";
import { z } from "zod";

/** docs/api.md, Tokens: tokens live 15 minutes. Tests shorten it. */
const TOKEN_TTL_DEFAULT_SECONDS = 900;

const unset = (value: unknown) => (value === "" ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(unset, schema.optional());
const withDefault = <T extends z.ZodType>(schema: T, value: z.input<T>) =>
  z.preprocess(unset, schema.default(value as never));

const port = z.coerce.number().int().min(0).max(65_535);
const positiveInt = z.coerce.number().int().positive();
const httpUrl = z.url({ protocol: /^https?$/ });

/** A signing key: the one rule of `secretWeakness` (length and entropy). */
const secret = (name: string) =>
  optional(
    z.string().superRefine((value, ctx) => {
      const weakness = secretWeakness(name, value);
      if (weakness) ctx.addIssue({ code: "custom", message: weakness });
    }),
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

/**
 * docs/api.md, Transport: the proxies in front, as a hop count (`1`) or comma-separated CIDRs
 * (`10.0.0.0/8,::1`). Unset: no forwarded header is believed.
 */
const trustProxy = optional(
  z.string().transform((value, ctx) => {
    if (/^\d+$/.test(value.trim())) return Number(value);
    const entries = value.split(",").map((entry) => entry.trim());
    const invalid = entries.filter((entry) => !isCidr(entry));
    if (invalid.length > 0) {
      ctx.addIssue({
        code: "custom",
        message: `must be a hop count or comma-separated CIDRs; not valid: ${invalid.join(", ")}`,
      });
      return z.NEVER;
    }
    return entries;
  }),
);

const shared = {
  NODE_ENV: withDefault(z.enum(["development", "production", "test"]), "development"),
  BETTER_AUTH_SECRET: secret("BETTER_AUTH_SECRET"),
  MIGRATION_DATABASE_URL: optional(z.url()),
  // Unset: the embedded server's own default (packages/db/src/embedded.ts).
  EMBEDDED_PG_PORT: optional(port),
  EMBEDDED_PG_DATA_DIR: optional(z.string()),
  AUTH_TOKEN_ALG: withDefault(z.enum(["HS256", "EdDSA"]), "HS256"),
};

/** docs/api.md, Configuration: where the web app's and the API's mail goes (packages/mail). */
const mail = {
  SMTP_URL: optional(
    z.url({ protocol: /^smtps?$/, error: "SMTP_URL must be an smtp:// or smtps:// URL" }),
  ),
  MAIL_FROM: withDefault(z.string().trim().min(3), "Todo <no-reply@localhost>"),
  MAIL_OUTBOX_DIR: withDefault(z.string(), join(LOCAL_DATA_DIR, "mail")),
};

/** Base64url (RFC 4648 §5, unpadded) of exactly `bytes` bytes. */
const base64urlKey = (bytes: number, what: string) =>
  optional(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, { message: `must be base64url (${what})`, abort: true })
      .refine((value) => Buffer.from(value, "base64url").length === bytes, {
        message: `must be ${bytes} bytes, base64url (${what})`,
      }),
  );

/** The public key of a P-256 private key, or undefined when it is none. */
function p256PublicKey(privateKey: string): string | undefined {
  try {
    const ecdh = createECDH("prime256v1");
    ecdh.setPrivateKey(Buffer.from(privateKey, "base64url"));
    return ecdh.getPublicKey().toString("base64url");
  } catch {
    return undefined;
  }
}

/** Web Push's VAPID identity (RFC 8292): a P-256 key pair and a contact for push services. */
const vapid = {
  VAPID_PUBLIC_KEY: base64urlKey(65, "an uncompressed P-256 point"),
  VAPID_PRIVATE_KEY: base64urlKey(32, "a P-256 private key"),
  VAPID_SUBJECT: optional(
    z.url({
      protocol: /^(mailto|https)$/,
      error: "VAPID_SUBJECT must be a mailto: or https: URL",
    }),
  ),
};

const needsDatabaseUrl = {
  path: ["MIGRATION_DATABASE_URL"],
  message: "MIGRATION_DATABASE_URL needs DATABASE_URL (the app's own role) as well",
};

export const webEnvSchema = z.object({
  NODE_ENV: shared.NODE_ENV,
  DATABASE_URL: z.preprocess(unset, z.string({ error: "DATABASE_URL is required" })),
  BETTER_AUTH_SECRET: shared.BETTER_AUTH_SECRET,
  // Without a trailing slash, as the API compares it with the tokens' `iss` and `aud`.
  BETTER_AUTH_URL: withDefault(httpUrl, "http://localhost:3000").transform((url) =>
    url.replace(/\/+$/, ""),
  ),
  API_URL: withDefault(httpUrl, "http://localhost:8000"),
  AUTH_RATE_LIMIT_PER_MINUTE: withDefault(positiveInt, 10),
  TRUST_PROXY: trustProxy,
  AUTH_TOKEN_ALG: shared.AUTH_TOKEN_ALG,
  AUTH_TOKEN_TTL_SECONDS: withDefault(
    positiveInt.max(TOKEN_TTL_DEFAULT_SECONDS),
    TOKEN_TTL_DEFAULT_SECONDS,
  ),
  ...mail,
  REQUIRE_EMAIL_VERIFICATION: optional(z.stringbool()),
});

export const apiEnvSchema = z
  .object({
    NODE_ENV: shared.NODE_ENV,
    DATABASE_URL: optional(z.url()),
    MIGRATION_DATABASE_URL: shared.MIGRATION_DATABASE_URL,
    DATABASE_DIRECT_URL: optional(z.url()),
    EMBEDDED_PG_PORT: shared.EMBEDDED_PG_PORT,
    EMBEDDED_PG_DATA_DIR: shared.EMBEDDED_PG_DATA_DIR,
    BETTER_AUTH_SECRET: shared.BETTER_AUTH_SECRET,
    API_CURSOR_SECRET: secret("API_CURSOR_SECRET"),
    BETTER_AUTH_URL: withDefault(z.url(), "http://localhost:3000"),
    API_HOST: optional(z.string()),
    API_PORT: withDefault(port, 8000),
    CORS_ORIGINS: optional(z.string()),
    AUTH_JWKS_URL: optional(z.url()),
    TRUST_PROXY: trustProxy,
    RATE_LIMIT_PER_MINUTE: withDefault(positiveInt, 600),
    API_WORKERS: withDefault(positiveInt, 1),
    REMINDER_POLL_INTERVAL_MS: withDefault(positiveInt.max(60_000), 1000),
    LOG_LEVEL: withDefault(
      z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]),
      "info",
    ),
    ...mail,
    ...vapid,
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
  // The reminder emails: the outbox is for development and tests, as in the web app.
  .refine((env) => env.NODE_ENV !== "production" || env.SMTP_URL !== undefined, {
    path: ["SMTP_URL"],
    message: "SMTP_URL is required when NODE_ENV=production",
  })
  .superRefine((env, ctx) => {
    const { VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey } = env;
    if ((publicKey === undefined) !== (privateKey === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [publicKey === undefined ? "VAPID_PUBLIC_KEY" : "VAPID_PRIVATE_KEY"],
        message: "VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY go together: set both or neither",
      });
    } else if (
      publicKey &&
      privateKey &&
      // A malformed key has its own issue above: the pair is compared only when both are well-formed.
      ![publicKey, privateKey].some((key) => !/^[A-Za-z0-9_-]+$/.test(key)) &&
      Buffer.from(publicKey, "base64url").length === 65 &&
      p256PublicKey(privateKey) !== publicKey
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["VAPID_PUBLIC_KEY"],
        message: "VAPID_PUBLIC_KEY is not the public key of VAPID_PRIVATE_KEY",
      });
    }
    if (env.NODE_ENV === "production" && publicKey && !env.VAPID_SUBJECT) {
      ctx.addIssue({
        code: "custom",
        path: ["VAPID_SUBJECT"],
        message: "VAPID_SUBJECT is required with the VAPID keys when NODE_ENV=production",
      });
    }
  })
  .refine(
    (env) => env.MIGRATION_DATABASE_URL === undefined || env.DATABASE_URL !== undefined,
    needsDatabaseUrl,
  );

/** `npm start`: what it needs itself; the rest it passes on to the API and the web app. */
export const launcherEnvSchema = z
  .object({
    NODE_ENV: optional(shared.NODE_ENV),
    DATABASE_URL: optional(z.url()),
    MIGRATION_DATABASE_URL: shared.MIGRATION_DATABASE_URL,
    EMBEDDED_PG_PORT: shared.EMBEDDED_PG_PORT,
    EMBEDDED_PG_DATA_DIR: shared.EMBEDDED_PG_DATA_DIR,
    BETTER_AUTH_SECRET: shared.BETTER_AUTH_SECRET,
    BETTER_AUTH_URL: optional(httpUrl),
    API_URL: optional(httpUrl),
    HOST: optional(z.string()),
    PORT: withDefault(port, 3000),
    API_PORT: withDefault(port, 8000),
    AUTH_TOKEN_ALG: shared.AUTH_TOKEN_ALG,
  })
  .refine(
    (env) => env.MIGRATION_DATABASE_URL === undefined || env.DATABASE_URL !== undefined,
    needsDatabaseUrl,
  )
  // The development defaults (a generated secret, the embedded database) live in .data/.
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== "production") return;
    const missing = (["BETTER_AUTH_SECRET", "DATABASE_URL"] as const).filter((name) => !env[name]);
    if (missing.length > 0) {
      ctx.addIssue({
        code: "custom",
        message: `NODE_ENV=production needs ${missing.join(" and ")}`,
      });
    }
  });

/** Every variable of the three processes, for the README and `.env.example`. */
export const ALL_VARIABLES = [
  ...new Set([
    ...Object.keys(webEnvSchema.shape),
    ...Object.keys(apiEnvSchema.shape),
    ...Object.keys(launcherEnvSchema.shape),
  ]),
].sort();

/** One line per problem, `NAME: message` unless the message names the variable already. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map(({ path, message }) => {
    const name = path.map(String).join(".");
    return !name || message.startsWith(name) ? message : `${name}: ${message}`;
  });
}
