import { REVOCATION_RETENTION_SECONDS } from "@todo/db/schema";

/** One row of the `revocations` table, as the feed delivers it. */
export interface Revocation {
  userId: string;
  /** The session that ended; null: every token of `userId` issued until `revokedAt`. */
  sessionId: string | null;
  /** Milliseconds since the epoch (the database's clock). */
  revokedAt: number;
}

/** What the check needs of a verified token. */
export interface TokenIdentity {
  sub: string;
  sid?: string | undefined;
  /** Seconds since the epoch. */
  iat: number;
}

const RETENTION_MS = REVOCATION_RETENTION_SECONDS * 1000;

/**
 * The ended sessions and user-wide cutoffs of the last day, in memory: a token is checked with
 * two hash lookups and no database query. Revocations only accumulate (adding one twice, or
 * out of order, changes nothing), so the feed can apply a full reload and notifications in any
 * order. Entries are forgotten once every token they could refuse has expired.
 */
export class Revocations {
  /** `sid` → when it ended, in milliseconds. */
  readonly #sessions = new Map<string, number>();
  /** `sub` → the latest cutoff, in milliseconds. */
  readonly #cutoffs = new Map<string, number>();

  add({ userId, sessionId, revokedAt }: Revocation): void {
    if (sessionId !== null) {
      this.#sessions.set(sessionId, revokedAt);
    } else if (revokedAt > (this.#cutoffs.get(userId) ?? 0)) {
      this.#cutoffs.set(userId, revokedAt);
    }
  }

  /**
   * True for a token of an ended session, or one issued at or before its user's cutoff (`iat`
   * has whole seconds, so a token issued in the cutoff's second is refused too).
   */
  refuses(token: TokenIdentity): boolean {
    if (token.sid !== undefined && this.#sessions.has(token.sid)) return true;
    const cutoff = this.#cutoffs.get(token.sub);
    return cutoff !== undefined && token.iat * 1000 <= cutoff;
  }

  /** Forgets what is older than the retention. */
  sweep(now = Date.now()): void {
    const oldest = now - RETENTION_MS;
    for (const entries of [this.#sessions, this.#cutoffs]) {
      for (const [key, revokedAt] of entries) {
        if (revokedAt < oldest) entries.delete(key);
      }
    }
  }

  get size(): number {
    return this.#sessions.size + this.#cutoffs.size;
  }
}
