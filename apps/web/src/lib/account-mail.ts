import "server-only";
import type { Mail, Mailer } from "@todo/mail/mailer";
import type {
  AuthContext,
  BetterAuthOptions,
  BetterAuthPlugin,
  BetterAuthRateLimitRule,
} from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { verifyJWT } from "better-auth/crypto";
import { decodeJwt } from "jose";
import type { Env } from "./env";
import {
  confirmNewEmailMail,
  emailChangedMail,
  existingAccountMail,
  resetPasswordMail,
  verifyEmailMail,
} from "./mail/templates";
import { checkedUserFields } from "./user-fields";

/**
 * Better Auth's account emails: email verification, password reset, "you already have an
 * account" and the change of address. See docs/decisions/0019-account-mail.md and
 * docs/decisions/0021-change-email-audit-and-ended-sessions.md.
 */

/** Where the verification link lands; Better Auth appends `&error=CODE` when it fails. */
const VERIFY_EMAIL_LANDING = "/verify-email?status=verified";
const EMAIL_CHANGED_LANDING = "/verify-email?status=email-changed";
const RESET_PASSWORD_PAGE = "/reset-password";
/** The error code of a verification link used a second time (Better Auth has none). */
export const LINK_ALREADY_USED = "LINK_ALREADY_USED";

const VERIFICATION_TTL_SECONDS = 24 * 60 * 60;
const RESET_TTL_SECONDS = 60 * 60;

/**
 * Mail per email address and endpoint, whoever asks and whether or not the address has an
 * account: stops anyone from filling a stranger's inbox from many IPs.
 */
const MAIL_PER_ADDRESS = { max: 3, windowSeconds: 15 * 60 };
const MAIL_SENDING_PATHS = new Set([
  "/sign-up/email",
  "/send-verification-email",
  "/request-password-reset",
  "/change-email",
]);

/** The endpoints of these flows, for per-IP rate-limit rules. */
const ACCOUNT_MAIL_PATHS = [
  "/send-verification-email",
  "/verify-email",
  "/request-password-reset",
  "/reset-password",
  "/reset-password/*",
  "/change-email",
];

/** A verification link is valid only while this record exists (identifier stored hashed). */
const linkIdentifier = (token: string) => `email-verification-link:${token}`;

/** Better Auth's claims in a verification link: a change of address carries both addresses. */
interface VerificationClaims {
  email?: string;
  updateTo?: string;
  requestType?: string;
}

/** The change of address a link confirms (Better Auth's `change-email-verification`), if any. */
export function emailChangeOf(token: unknown): { from: string; to: string } | null {
  if (typeof token !== "string") return null;
  const { email, updateTo, requestType } = decodeJwt<VerificationClaims>(token);
  return requestType === "change-email-verification" && email && updateTo
    ? { from: email, to: updateTo }
    : null;
}

/** The address a mail-sending request is about: `email`, or the new one of /change-email. */
function requestedAddress(body: unknown): string | undefined {
  const { email, newEmail } = (body ?? {}) as { email?: unknown; newEmail?: unknown };
  const address = email ?? newEmail;
  return typeof address === "string" ? address : undefined;
}

function withCallback(url: string, callbackURL: string): string {
  const link = new URL(url);
  link.searchParams.set("callbackURL", callbackURL);
  return link.href;
}

export function accountMail(env: Env, mailer: Mailer) {
  // Set by the plugin's init: the callbacks below get no context of their own.
  let auth: AuthContext | undefined;
  const context = () => {
    if (!auth) throw new Error("account mail used before Better Auth started");
    return auth;
  };

  /**
   * Not awaited: an address with an account would otherwise answer later than one without
   * (the SMTP round trip), telling the two apart. Failures are logged without the message.
   */
  const deliver = (mail: Mail) => {
    mailer.send(mail).catch((error: unknown) => {
      console.error(
        `mail "${mail.subject}" not sent: ${error instanceof Error ? error.message : error}`,
      );
    });
  };

  const emailVerification = {
    sendOnSignUp: true,
    expiresIn: VERIFICATION_TTL_SECONDS,
    // Also mails the link that confirms a new address (`user.email` is the new one then).
    async sendVerificationEmail({ user, url, token }) {
      await context().internalAdapter.createVerificationValue({
        identifier: linkIdentifier(token),
        value: user.id,
        expiresAt: new Date(Date.now() + VERIFICATION_TTL_SECONDS * 1000),
      });
      if (emailChangeOf(token)) {
        const link = withCallback(url, EMAIL_CHANGED_LANDING);
        deliver({ to: user.email, ...confirmNewEmailMail(user.name, link, "24 hours") });
        return;
      }
      const link = withCallback(url, VERIFY_EMAIL_LANDING);
      deliver({ to: user.email, ...verifyEmailMail(user.name, link, "24 hours") });
    },
  } satisfies BetterAuthOptions["emailVerification"];

  const emailAndPassword = {
    requireEmailVerification: env.REQUIRE_EMAIL_VERIFICATION,
    resetPasswordTokenExpiresIn: RESET_TTL_SECONDS,
    revokeSessionsOnPasswordReset: true,
    async sendResetPassword({ user, url }) {
      const link = withCallback(url, RESET_PASSWORD_PAGE);
      deliver({ to: user.email, ...resetPasswordMail(user.name, link, "1 hour") });
    },
    // Only called when verification is required: sign-up then answers the same either way.
    async onExistingUserSignUp({ user }) {
      const signIn = `${env.BETTER_AUTH_URL}/sign-in`;
      const forgot = `${env.BETTER_AUTH_URL}/forgot-password`;
      deliver({ to: user.email, ...existingAccountMail(user.name, signIn, forgot) });
    },
  } satisfies Partial<NonNullable<BetterAuthOptions["emailAndPassword"]>>;

  /**
   * A new address is confirmed from that address only (no `sendChangeEmailConfirmation`, which
   * would ask the old address first); the old address is told once the change is made.
   */
  const changeEmail = { enabled: true } satisfies NonNullable<
    BetterAuthOptions["user"]
  >["changeEmail"];

  const plugin = {
    id: "account-mail",
    init(ctx) {
      auth = ctx;
      return {
        options: {
          databaseHooks: {
            user: {
              update: {
                // Opening the link proves the new address: it is verified, whatever the old
                // one was (Better Auth would carry the old address's state over).
                before: async (data, endpoint) => {
                  if (endpoint?.path !== "/verify-email" || !emailChangeOf(endpoint.query?.token)) {
                    return;
                  }
                  return { data: { ...data, emailVerified: true } };
                },
                after: async (user, endpoint) => {
                  const change =
                    endpoint?.path === "/verify-email"
                      ? emailChangeOf(endpoint.query?.token)
                      : null;
                  if (!change || user.email !== change.to) return;
                  const settings = `${env.BETTER_AUTH_URL}/settings`;
                  deliver({ to: change.from, ...emailChangedMail(user.name, change.to, settings) });
                },
              },
            },
          },
        },
      };
    },
    hooks: {
      before: [
        {
          // Better Auth's links are stateless JWTs, valid until they expire: make each one we
          // sent work once, and refuse any other JWT signed with the secret (an API token).
          matcher: (ctx) => ctx.path === "/verify-email",
          handler: createAuthMiddleware(async (ctx) => {
            const token = ctx.query?.token;
            // Malformed, forged or expired: Better Auth's own answer says which.
            if (typeof token !== "string" || !(await verifyJWT(token, ctx.context.secret))) return;
            if (await ctx.context.internalAdapter.consumeVerificationValue(linkIdentifier(token))) {
              return;
            }
            // Never to the caller's callbackURL: Better Auth has not checked it yet.
            if (ctx.query?.callbackURL) {
              throw ctx.redirect(`${VERIFY_EMAIL_LANDING}&error=${LINK_ALREADY_USED}`);
            }
            throw APIError.from("UNAUTHORIZED", {
              code: LINK_ALREADY_USED,
              message: "This link was already used",
            });
          }),
        },
        {
          // The new address obeys the rules of every stored address before any mail goes out.
          matcher: (ctx) => ctx.path === "/change-email",
          handler: createAuthMiddleware(async (ctx) => {
            checkedUserFields({ email: ctx.body?.newEmail });
          }),
        },
        {
          matcher: (ctx) => MAIL_SENDING_PATHS.has(ctx.path ?? ""),
          handler: createAuthMiddleware(async (ctx) => {
            const email = requestedAddress(ctx.body);
            if (email === undefined) return;
            const retryAfter = await takeMailQuota(
              ctx.context,
              `${ctx.path}:${email.trim().toLowerCase()}`,
            );
            if (retryAfter === null) return;
            throw new APIError(
              "TOO_MANY_REQUESTS",
              { message: "Too many emails to this address. Please try again later." },
              { "X-Retry-After": String(retryAfter) },
            );
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;

  return {
    emailVerification,
    emailAndPassword,
    changeEmail,
    plugin,
    /** Per-IP rules for the endpoints of these flows. */
    rateLimitRules: (rule: BetterAuthRateLimitRule) =>
      Object.fromEntries(ACCOUNT_MAIL_PATHS.map((path) => [path, rule])),
  };
}

/**
 * Takes one of the `MAIL_PER_ADDRESS.max` slots of the current window for `key`; null when one
 * was free, else the seconds until the window ends. Each slot is a first-writer-wins record in
 * Better Auth's verification table (hashed like every identifier there), so the count holds
 * across web processes without a table of its own.
 */
async function takeMailQuota(auth: AuthContext, key: string): Promise<number | null> {
  const windowMs = MAIL_PER_ADDRESS.windowSeconds * 1000;
  const window = Math.floor(Date.now() / windowMs);
  const expiresAt = new Date((window + 1) * windowMs);
  for (let slot = 0; slot < MAIL_PER_ADDRESS.max; slot++) {
    const taken = await auth.internalAdapter.reserveVerificationValue({
      identifier: `mail-quota:${key}:${window}:${slot}`,
      value: "1",
      expiresAt,
    });
    if (taken) return null;
  }
  return Math.ceil((expiresAt.getTime() - Date.now()) / 1000);
}
