import "server-only";
import { createHmac, hkdfSync } from "node:crypto";
import { clientIp } from "./client-ip";
import { getEnv } from "./env";
import { log } from "./log";

/** What the audit trail records. A new kind of event is one more name here and one call. */
export type AuditEvent =
  | "sign_in.success"
  | "sign_in.failure"
  | "sign_in.throttled"
  | "auth.rate_limited"
  | "sign_up"
  | "sign_out"
  | "account.deleted"
  | "password_reset.requested"
  | "password_reset.completed"
  | "password.changed"
  | "email.verified"
  | "email_change.requested"
  | "email_change.completed"
  | "session.ended"
  | "sessions.ended_elsewhere"
  | "sessions.ended_everywhere"
  | "two_factor.enabled"
  | "two_factor.disabled"
  | "passkey.added"
  | "passkey.removed";

export interface AuditSubject {
  email?: string | undefined;
  userId?: string | undefined;
}

let digestKey: Buffer | undefined;

/**
 * An email address as a keyed hash (HMAC-SHA-256, key derived from BETTER_AUTH_SECRET with
 * HKDF): equal for equal addresses, whatever their case, and not reversible by trying a list of
 * addresses without the key.
 */
export function emailDigest(email: string): string {
  digestKey ??= Buffer.from(
    hkdfSync("sha256", getEnv().BETTER_AUTH_SECRET, "", "todo email digest v1", 32),
  );
  return createHmac("sha256", digestKey).update(email.trim().toLowerCase()).digest("base64url");
}

/**
 * One structured line for an authentication event: the event, the user id and hashed email when
 * known, and the client IP (as resolved under TRUST_PROXY). Never a password, token or link.
 */
export function audit(event: AuditEvent, subject: AuditSubject, headers?: Headers): void {
  log("info", "audit", {
    event,
    ...(subject.userId ? { user_id: subject.userId } : {}),
    ...(subject.email ? { email_hash: emailDigest(subject.email) } : {}),
    ip: clientIp(headers) ?? null,
  });
}
