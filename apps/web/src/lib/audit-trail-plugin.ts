import "server-only";
import type { BetterAuthPlugin } from "better-auth";
import { createAuthMiddleware, isAPIError } from "better-auth/api";
import { emailChangeOf } from "./account-mail";
import { type AuditEvent, audit } from "./audit";

/** Endpoints whose success is one audit line about the signed-in user. */
const SIGNED_IN_EVENTS: Record<string, AuditEvent> = {
  "/change-password": "password.changed",
  "/change-email": "email_change.requested",
  "/revoke-session": "session.ended",
  "/revoke-other-sessions": "sessions.ended_elsewhere",
  "/revoke-sessions": "sessions.ended_everywhere",
  "/passkey/verify-registration": "passkey.added",
  "/passkey/delete-passkey": "passkey.removed",
};

/**
 * The audit trail of account changes (sign-in, sign-up, sign-out and reset are audited in
 * auth.ts): one line per change, from the endpoint's answer or the user row it updated.
 */
export function auditTrail() {
  return {
    id: "audit-trail",
    init() {
      return {
        options: {
          databaseHooks: {
            user: {
              update: {
                after: async (user, endpoint) => {
                  const path = endpoint?.path ?? "";
                  const subject = { userId: user.id, email: user.email };
                  if (path.startsWith("/two-factor/")) {
                    // Better Auth updates the user there only to turn two-factor on or off.
                    const event = user.twoFactorEnabled
                      ? "two_factor.enabled"
                      : "two_factor.disabled";
                    audit(event, subject, endpoint?.headers);
                  } else if (path === "/verify-email") {
                    const changed = emailChangeOf(endpoint?.query?.token);
                    audit(
                      changed ? "email_change.completed" : "email.verified",
                      subject,
                      endpoint?.headers,
                    );
                  }
                },
              },
            },
          },
        },
      };
    },
    hooks: {
      after: [
        {
          matcher: (ctx) => ctx.path === "/request-password-reset",
          handler: createAuthMiddleware(async (ctx) => {
            const email = ctx.body?.email;
            if (typeof email === "string" && !isAPIError(ctx.context.returned)) {
              // The address asked about, whether or not it has an account (hashed).
              audit("password_reset.requested", { email }, ctx.headers);
            }
          }),
        },
        {
          matcher: (ctx) => Object.hasOwn(SIGNED_IN_EVENTS, ctx.path ?? ""),
          handler: createAuthMiddleware(async (ctx) => {
            const user = ctx.context.session?.user;
            const event = SIGNED_IN_EVENTS[ctx.path ?? ""];
            if (!user || !event || isAPIError(ctx.context.returned)) return;
            // Asking to change the address names the new one; the account keeps the old.
            const email = ctx.path === "/change-email" ? ctx.body?.newEmail : user.email;
            audit(event, { userId: user.id, email }, ctx.headers);
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}
