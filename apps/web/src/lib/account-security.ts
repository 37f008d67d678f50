import "server-only";
import { passkey } from "@better-auth/passkey";
import { twoFactor } from "better-auth/plugins/two-factor";
import type { Env } from "./env";
import { TOTP_OPTIONS, twoFactorGuard } from "./two-factor-guard-plugin";

/** A trusted device skips the second step for this long (renewed at each sign-in). */
const TRUST_DEVICE_SECONDS = 30 * 24 * 60 * 60;

/** Better Auth's two-factor (TOTP and backup codes) and passkey plugins, as this app uses them. */
export function accountSecurityPlugins(env: Env) {
  const twoFactorPlugin = twoFactor({
    totpOptions: TOTP_OPTIONS,
    trustDeviceMaxAge: TRUST_DEVICE_SECONDS,
  });
  const origin = new URL(env.BETTER_AUTH_URL);
  return [
    twoFactorPlugin,
    twoFactorGuard(twoFactorPlugin),
    // The relying party is the web app's public origin; a passkey is bound to its host name.
    passkey({ rpID: origin.hostname, rpName: "Todo", origin: origin.origin }),
  ] as const;
}

/**
 * A second-factor code, a passkey assertion or an account deletion is a sign-in attempt: the same budget per client
 * IP as sign-in (it replaces the two-factor plugin's own 3 per 10 s).
 */
export function accountSecurityRateRules(env: Env) {
  const signInRule = { window: 60, max: env.AUTH_RATE_LIMIT_PER_MINUTE };
  return {
    "/two-factor/*": signInRule,
    "/passkey/generate-authenticate-options": signInRule,
    "/passkey/verify-authentication": signInRule,
    // A password (and code) attempt too.
    "/delete-user": signInRule,
  };
}
