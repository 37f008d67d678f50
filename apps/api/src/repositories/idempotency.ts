import type { Db } from "@todo/db/client";
import { IDEMPOTENCY_TTL_HOURS, idempotencyKeys } from "@todo/db/schema";
import { and, eq, lt, type SQL, sql } from "drizzle-orm";

export interface IdempotencyKey {
  key: string;
  /** SHA-256 of the canonical JSON of the request (its body, and which route for an import). */
  requestHash: string;
}

export type Transaction = Parameters<Parameters<Db["transaction"]>[0]>[0];

export type Claim<Response> =
  | { outcome: "claimed" }
  | { outcome: "replayed"; response: Response }
  | { outcome: "key_reused" };

const whereKey = (userId: string, key: string) =>
  and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key));

export function expiredIdempotencyKeys(): SQL {
  return lt(
    idempotencyKeys.createdAt,
    sql`now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`,
  );
}

/**
 * Claims the key inside the caller's transaction, or tells what its first use answered. The
 * caller then does the work and saves its response in the same transaction.
 */
export async function claimIdempotencyKey<Response>(
  tx: Transaction,
  userId: string,
  idempotency: IdempotencyKey,
): Promise<Claim<Response>> {
  const key = whereKey(userId, idempotency.key);
  await tx.delete(idempotencyKeys).where(and(key, expiredIdempotencyKeys()));
  // A concurrent twin blocks here on the primary key until the first one commits.
  const [claimed] = await tx
    .insert(idempotencyKeys)
    .values({ userId, key: idempotency.key, requestHash: idempotency.requestHash })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (claimed) return { outcome: "claimed" };
  const [existing] = await tx.select().from(idempotencyKeys).where(key);
  if (!existing || existing.requestHash !== idempotency.requestHash || !existing.response) {
    return { outcome: "key_reused" };
  }
  return { outcome: "replayed", response: existing.response as Response };
}

export async function saveIdempotentResponse(
  tx: Transaction,
  userId: string,
  key: string,
  response: unknown,
  taskId?: number,
): Promise<void> {
  await tx
    .update(idempotencyKeys)
    .set({ response, taskId: taskId ?? null })
    .where(whereKey(userId, key));
}
