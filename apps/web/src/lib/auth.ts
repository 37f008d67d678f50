import "server-only";
import { PASSWORD_MAX, PASSWORD_MIN } from "@todo/contract/auth-forms";
import * as authSchema from "@todo/db/auth-schema";
import { createPool } from "@todo/db/client";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { nextCookies } from "better-auth/next-js";
import { jwt } from "better-auth/plugins/jwt";
import { drizzle } from "drizzle-orm/node-postgres";
import { accountSecurityPlugins, accountSecurityRateRules } from "./account-security";
import { type Env, getEnv } from "./env";
import { hs256Token, tokenClaims } from "./hs256-token-plugin";

function tokenPlugin(env: Env) {
  if (env.AUTH_TOKEN_ALG === "HS256") {
    return hs256Token({
      secret: env.BETTER_AUTH_SECRET,
      issuer: env.BETTER_AUTH_URL,
      ttlSeconds: env.AUTH_TOKEN_TTL_SECONDS,
    });
  }
  // EdDSA: Better Auth's own keys, published at /api/auth/jwks for the API.
  return jwt({
    jwks: { keyPairConfig: { alg: "EdDSA", crv: "Ed25519" } },
    jwt: {
      issuer: env.BETTER_AUTH_URL,
      audience: env.BETTER_AUTH_URL,
      expirationTime: `${env.AUTH_TOKEN_TTL_SECONDS}s`,
      definePayload: ({ user }) => {
        const { sub: _sub, ...claims } = tokenClaims(user);
        return claims;
      },
    },
    // The browser asks /api/auth/token; no token in get-session headers.
    disableSettingJwtHeader: true,
  });
}

function createAuth(env: Env) {
  const pool = createPool(env.DATABASE_URL, { applicationName: "todo-web", max: 5 });
  const authRule = { window: 60, max: env.AUTH_RATE_LIMIT_PER_MINUTE };
  return betterAuth({
    appName: "Todo",
    baseURL: env.BETTER_AUTH_URL,
    secret: env.BETTER_AUTH_SECRET,
    trustedOrigins: [new URL(env.BETTER_AUTH_URL).origin],
    database: drizzleAdapter(drizzle(pool, { schema: authSchema }), {
      provider: "pg",
      schema: authSchema,
    }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: PASSWORD_MIN,
      maxPasswordLength: PASSWORD_MAX,
      autoSignIn: true,
    },
    rateLimit: {
      // On in every mode; the database store is shared by every web process.
      enabled: true,
      storage: "database",
      customRules: {
        "/sign-in/*": authRule,
        "/sign-up/*": authRule,
        ...accountSecurityRateRules(env),
      },
    },
    advanced: {
      useSecureCookies: new URL(env.BETTER_AUTH_URL).protocol === "https:",
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
    },
    telemetry: { enabled: false },
    // nextCookies last: it forwards cookies set by server-side calls (sign-out from actions).
    plugins: [tokenPlugin(env), ...accountSecurityPlugins(env), nextCookies()],
  });
}

let instance: ReturnType<typeof createAuth> | undefined;

/** The Better Auth server, created on first use (never during `next build`). */
export function getAuth() {
  instance ??= createAuth(getEnv());
  return instance;
}
