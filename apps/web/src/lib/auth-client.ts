import { passkeyClient } from "@better-auth/passkey/client";
import { createAuthClient } from "better-auth/client";
import { twoFactorClient } from "better-auth/client/plugins";

/**
 * Better Auth's browser client for the account endpoints under /api/auth (same origin). Import it
 * lazily (`await import("@/lib/auth-client")`) from event handlers: pages do not need it to render.
 */
export const authClient = createAuthClient({ plugins: [twoFactorClient(), passkeyClient()] });

/** Better Auth's error answer, in words for the person using the form. */
export function authErrorMessage(
  error: { status: number; message?: string | undefined } | null,
  fallback = "Something went wrong on our side. Please try again.",
): string {
  if (error?.status === 429) return "Too many attempts. Please wait a minute and try again.";
  return error?.message || fallback;
}
