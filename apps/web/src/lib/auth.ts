import "server-only";
import { PASSWORD_MAX, PASSWORD_MIN } from "@todo/contract/auth-forms";
import * as authSchema from "@todo/db/auth-schema";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError, createAuthMiddleware, isAPIError } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { jwt } from "better-auth/plugins/jwt";
import { drizzle } from "drizzle-orm/node-postgres";
import { accountDeletion } from "./account-deletion";
import { accountMail } from "./account-mail";
import { accountSecurityPlugins, accountSecurityRateRules } from "./account-security";
import { audit } from "./audit";
import { auditTrail } from "./audit-trail-plugin";
import { clientIpHeader } from "./client-ip";
import { getPool } from "./db";
import { type Env, getEnv } from "./env";
import { hs256Token, tokenClaims } from "./hs256-token-plugin";
import { logFromBetterAuth } from "./log";
import { getMailer } from "./mailer";
import { isCommonPassword, PASSWORD_TOO_COMMON } from "./password-policy";
import { refuseTokensIssuedUntilNow, revocation } from "./revocation";
import { claimSignInAttempt, clearSignInThrottle } from "./sign-in-throttle";
import { checkedUserFields } from "./user-fields";

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
      // The plugin sets `sub` itself (the user id), and would otherwise put the whole user in.
      definePayload: (session) => {
        const { sub: _sub, ...claims } = tokenClaims(session);
        return claims;
      },
    },
    // The browser asks /api/auth/token; no token in get-session headers.
    disableSettingJwtHeader: true,
  });
}

/** Where each endpoint that sets a password carries the new one. */
const NEW_PASSWORD_FIELDS: Record<string, string> = {
  "/sign-up/email": "password",
  "/change-password": "newPassword",
  "/reset-password": "newPassword",
};

const SIGN_IN_PATH = "/sign-in/email";

function bodyField(body: unknown, field: string): string | undefined {
  const value = (body as Record<string, unknown> | undefined)?.[field];
  return typeof value === "string" ? value : undefined;
}

/** Runs before each endpoint: refuses common passwords, and throttled accounts' sign-ins. */
const beforeEndpoint = createAuthMiddleware(async (ctx) => {
  const passwordField = NEW_PASSWORD_FIELDS[ctx.path];
  const newPassword = passwordField ? bodyField(ctx.body, passwordField) : undefined;
  if (newPassword !== undefined && isCommonPassword(newPassword)) {
    throw new APIError("BAD_REQUEST", PASSWORD_TOO_COMMON);
  }
  const email = ctx.path === SIGN_IN_PATH ? bodyField(ctx.body, "email") : undefined;
  if (email === undefined) return;
  const waitSeconds = await claimSignInAttempt(email);
  if (waitSeconds === undefined) return;
  audit("sign_in.throttled", { email }, ctx.headers);
  // The same answer whether or not the email has an account.
  throw new APIError(
    "TOO_MANY_REQUESTS",
    { code: "TOO_MANY_ATTEMPTS", message: "Too many sign-in attempts. Try again later." },
    { "Retry-After": String(waitSeconds), "X-Retry-After": String(waitSeconds) },
  );
});

/** Runs after each endpoint: the audit trail of sign-ins; a success clears the throttle. */
const afterEndpoint = createAuthMiddleware(async (ctx) => {
  if (ctx.path !== SIGN_IN_PATH) return;
  const email = bodyField(ctx.body, "email");
  if (email === undefined) return;
  if (isAPIError(ctx.context.returned)) {
    audit("sign_in.failure", { email }, ctx.headers);
    return;
  }
  // The password was right (a second factor may still be asked for).
  audit("sign_in.success", { email, userId: ctx.context.newSession?.user.id }, ctx.headers);
  await clearSignInThrottle(email);
});

function createAuth(env: Env) {
  const authRule = { window: 60, max: env.AUTH_RATE_LIMIT_PER_MINUTE };
  const mail = accountMail(env, getMailer());
  return betterAuth({
    appName: "Todo",
    baseURL: env.BETTER_AUTH_URL,
    secret: env.BETTER_AUTH_SECRET,
    trustedOrigins: [new URL(env.BETTER_AUTH_URL).origin],
    database: drizzleAdapter(drizzle(getPool(), { schema: authSchema }), {
      provider: "pg",
      schema: authSchema,
    }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: PASSWORD_MIN,
      maxPasswordLength: PASSWORD_MAX,
      autoSignIn: true,
      // docs/api.md, Ended sessions (with revokeSessionsOnPasswordReset in mail.emailAndPassword): a reset
      // ends every session and refuses every earlier token.
      ...mail.emailAndPassword,
      // Whoever can reset the password owns the account: lift its sign-in throttle too.
      onPasswordReset: async ({ user }, request) => {
        audit("password_reset.completed", { email: user.email, userId: user.id }, request?.headers);
        await refuseTokensIssuedUntilNow(getPool(), user.id);
        await clearSignInThrottle(user.email);
      },
    },
    user: {
      changeEmail: mail.changeEmail,
      deleteUser: accountDeletion({
        apiUrl: env.API_URL,
        tokenFor: async (headers): Promise<string> =>
          (await getAuth().api.getToken({ headers })).token,
      }),
    },
    databaseHooks: {
      user: {
        create: {
          before: async (user) => ({ data: { ...user, ...checkedUserFields(user) } }),
          after: async (user, ctx) =>
            audit("sign_up", { email: user.email, userId: user.id }, ctx?.headers),
        },
        update: {
          // Only the checked fields: plugins' hooks may have changed others (account-mail.ts).
          before: async (user) => ({ data: checkedUserFields(user) }),
        },
      },
      session: {
        delete: {
          after: async (session, ctx) => {
            if (ctx?.path === "/sign-out")
              audit("sign_out", { userId: session.userId }, ctx.headers);
          },
        },
      },
    },
    hooks: { before: beforeEndpoint, after: afterEndpoint },
    emailVerification: mail.emailVerification,
    // Reset links, two-factor codes…: the database holds only SHA-256 hashes of them.
    verification: { storeIdentifier: "hashed" },
    rateLimit: {
      // On in every mode; the database store is shared by every web process.
      enabled: true,
      storage: "database",
      customRules: {
        "/sign-in/*": authRule,
        "/sign-up/*": authRule,
        ...mail.rateLimitRules(authRule),
        ...accountSecurityRateRules(env),
        // ADR 0041: only a session gets a token, and every tab asks about once per token
        // lifetime; a count per IP would refuse everyone behind one address (an office) at once.
        "/token": false,
      },
    },
    advanced: {
      useSecureCookies: new URL(env.BETTER_AUTH_URL).protocol === "https:",
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
      // The client IP as resolved from the socket under TRUST_PROXY (see client-ip.ts), never a
      // forwarded header as the client sent it.
      ipAddress: { ipAddressHeaders: [clientIpHeader()] },
      // Better Auth skips origin checks when NODE_ENV=test (tests and `npm start` run so).
      disableOriginCheck: false,
    },
    logger: { level: "warn", log: logFromBetterAuth },
    telemetry: { enabled: false },
    // nextCookies last: it forwards cookies set by server-side calls (sign-out from actions).
    plugins: [
      tokenPlugin(env),
      revocation(getPool()),
      mail.plugin,
      auditTrail(),
      ...accountSecurityPlugins(env),
      nextCookies(),
    ],
  });
}

let instance: ReturnType<typeof createAuth> | undefined;

/** The Better Auth server, created on first use (never during `next build`). */
export function getAuth() {
  instance ??= createAuth(getEnv());
  return instance;
}
