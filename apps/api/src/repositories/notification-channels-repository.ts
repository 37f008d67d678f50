import {
  PUSH_SUBSCRIPTIONS_MAX,
  type PushSubscription,
  type PushSubscriptionInput,
} from "@todo/contract/notification-settings";
import { user } from "@todo/db/auth-schema";
import type { Db } from "@todo/db/client";
import { notificationSettings, pushSubscriptions, revocations } from "@todo/db/schema";
import { and, asc, count, eq, gt, isNull, lte, or, sql } from "drizzle-orm";

/** Serialises one user's subscribing, so the limit holds and an endpoint is never counted twice. */
const PUSH_LOCK_NAMESPACE = 7_042_031;

export type SubscribeOutcome =
  | { outcome: "created" | "updated"; subscription: PushSubscription }
  | { outcome: "full" }
  | { outcome: "ended" };

/** What `subscribe` needs of the subscribing token (auth/revocations.ts, `TokenIdentity`). */
export interface SubscribingToken {
  /** The session that minted it; null for a token that names none. */
  sid: string | null;
  /** Seconds since the epoch. */
  iat: number;
}

/** A browser to push to: what RFC 8291 encryption and delivery need. */
export interface PushTarget {
  id: number;
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** Whom a reminder email goes to, when the user wants them. */
export interface EmailRecipient {
  email: string;
  name: string;
  verified: boolean;
}

const serialize = (row: { id: number; createdAt: Date }): PushSubscription => ({
  id: row.id,
  created_at: row.createdAt.toISOString(),
});

/** docs/api.md, Notification settings and Web Push: the user's choices and their browsers. */
export class NotificationChannelsRepository {
  constructor(private readonly db: Db) {}

  /** The user's email choice; a user who never chose has email off. */
  async emailEnabled(userId: string): Promise<boolean> {
    const [row] = await this.db
      .select({ email: notificationSettings.email })
      .from(notificationSettings)
      .where(eq(notificationSettings.userId, userId));
    return row?.email ?? false;
  }

  async setEmail(userId: string, email: boolean): Promise<void> {
    await this.db
      .insert(notificationSettings)
      .values({ userId, email })
      .onConflictDoUpdate({
        target: notificationSettings.userId,
        set: { email, updatedAt: sql`now()` },
      });
  }

  /**
   * Stores a browser's subscription. The same endpoint of this user: its keys are updated. An
   * endpoint another user had: the browser is now signed into this account, so it moves here
   * (reminders must not reach the previous account's browser any more). The subscription ends
   * with the token's session (migration 0016's trigger on `revocations`); "ended" when that has
   * already happened, though this process has not heard of it yet (ADR 0046, Update).
   */
  subscribe(
    userId: string,
    token: SubscribingToken,
    input: PushSubscriptionInput,
  ): Promise<SubscribeOutcome> {
    const values = {
      sessionId: token.sid,
      p256dh: input.keys.p256dh,
      auth: input.keys.auth,
      expiresAt: input.expirationTime === null ? null : new Date(input.expirationTime),
    };
    return this.db.transaction(async (tx) => {
      // The revocation check rides on the lock's statement: no round trip more. As the API's
      // in-memory check (auth/revocations.ts): the session ended, or a cutoff at or after `iat`.
      const [lock] = await tx.execute<{ ended: boolean }>(
        sql`select pg_advisory_xact_lock(${PUSH_LOCK_NAMESPACE}, hashtext(${userId})),
          exists (
            select 1 from ${revocations}
            where ${revocations.userId} = ${userId}
              and (${revocations.sessionId} = ${token.sid}
                or (${revocations.sessionId} is null
                  and ${revocations.revokedAt} >= to_timestamp(${token.iat})))
          ) as ended`,
      );
      if (lock?.ended) return { outcome: "ended" };
      const [updated] = await tx
        .update(pushSubscriptions)
        .set({ ...values, updatedAt: sql`now()` })
        .where(
          and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.endpoint, input.endpoint)),
        )
        .returning({ id: pushSubscriptions.id, createdAt: pushSubscriptions.createdAt });
      if (updated) return { outcome: "updated", subscription: serialize(updated) };

      const [owned] = await tx
        .select({ count: count() })
        .from(pushSubscriptions)
        .where(eq(pushSubscriptions.userId, userId));
      if ((owned?.count ?? 0) >= PUSH_SUBSCRIPTIONS_MAX) return { outcome: "full" };

      const [created] = await tx
        .insert(pushSubscriptions)
        .values({ userId, endpoint: input.endpoint, ...values })
        .onConflictDoUpdate({
          target: pushSubscriptions.endpoint,
          set: { userId, ...values, createdAt: sql`now()`, updatedAt: sql`now()` },
        })
        .returning({ id: pushSubscriptions.id, createdAt: pushSubscriptions.createdAt });
      return {
        outcome: "created",
        subscription: serialize(created as NonNullable<typeof created>),
      };
    });
  }

  /** False when the user has no such subscription. */
  async unsubscribe(userId: string, id: number): Promise<boolean> {
    const deleted = await this.db
      .delete(pushSubscriptions)
      .where(and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.id, id)))
      .returning({ id: pushSubscriptions.id });
    return deleted.length > 0;
  }

  /**
   * The user's browsers to push to. A subscription past its `expires_at` has been ended by its
   * push service (W3C Push API, `expirationTime`), as one that answers 404 or 410: it is deleted
   * rather than pushed to, and its id returned in `expired`.
   */
  async pushTargets(userId: string): Promise<{ targets: PushTarget[]; expired: number[] }> {
    const expired = await this.db
      .delete(pushSubscriptions)
      .where(
        and(eq(pushSubscriptions.userId, userId), lte(pushSubscriptions.expiresAt, sql`now()`)),
      )
      .returning({ id: pushSubscriptions.id });
    const rows = await this.db
      .select({
        id: pushSubscriptions.id,
        endpoint: pushSubscriptions.endpoint,
        p256dh: pushSubscriptions.p256dh,
        auth: pushSubscriptions.auth,
      })
      .from(pushSubscriptions)
      // Not one that ended between the two statements either.
      .where(
        and(
          eq(pushSubscriptions.userId, userId),
          or(isNull(pushSubscriptions.expiresAt), gt(pushSubscriptions.expiresAt, sql`now()`)),
        ),
      )
      .orderBy(asc(pushSubscriptions.id));
    return {
      targets: rows.map(({ id, endpoint, p256dh, auth }) => ({
        id,
        endpoint,
        keys: { p256dh, auth },
      })),
      expired: expired.map((row) => row.id),
    };
  }

  /** A subscription the push service says is gone (404, 410). */
  async forget(id: number): Promise<void> {
    await this.db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, id));
  }

  /** The address of a user who wants reminder emails, or null (email off, or no such user). */
  async emailRecipient(userId: string): Promise<EmailRecipient | null> {
    // Only the columns granted to the API's role (roles.ts): never `select *` on `user`.
    const [row] = await this.db
      .select({ email: user.email, name: user.name, verified: user.emailVerified })
      .from(notificationSettings)
      .innerJoin(user, eq(user.id, notificationSettings.userId))
      .where(and(eq(notificationSettings.userId, userId), eq(notificationSettings.email, true)));
    return row ?? null;
  }
}
