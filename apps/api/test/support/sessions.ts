import { randomBytes } from "node:crypto";
import type pg from "pg";
import { newUserId } from "./ids";
import { signToken } from "./tokens";

/** 32 random characters, as long as a Better Auth session id. */
export const newSessionId = () => randomBytes(24).toString("base64url");

/**
 * A user with `count` sessions, written into Better Auth's tables as the web app writes them, so
 * that ending a session (deleting its row) runs the database's own revocation triggers.
 */
export async function userWithSessions(
  db: Pick<pg.Pool, "query">,
  count: number,
): Promise<{ userId: string; sessionIds: string[] }> {
  const userId = newUserId();
  await db.query(
    `insert into "user" (id, name, email) values ($1, 'Test', $1 || '@example.test')`,
    [userId],
  );
  const sessionIds = Array.from({ length: count }, newSessionId);
  await db.query(
    `insert into session (id, token, user_id, expires_at, updated_at)
     select id, md5(id), $2, now() + interval '7 days', now() from unnest($1::text[]) as id`,
    [sessionIds, userId],
  );
  return { userId, sessionIds };
}

/** Ends sessions as Better Auth does on sign-out or revocation: the rows are deleted. */
export async function endSessions(db: pg.Pool, ...sessionIds: string[]): Promise<void> {
  await db.query("delete from session where id = any($1)", [sessionIds]);
}

/** A user-wide cutoff, as the web app writes it on "sign out everywhere" or a password reset. */
export async function cutOff(db: pg.Pool, userId: string, at: Date): Promise<void> {
  await db.query("insert into revocations (user_id, revoked_at) values ($1, $2)", [userId, at]);
}

/** A bearer header for a token of `userId`, minted by session `sid` when given. */
export async function bearerFor(
  userId: string,
  sid?: string,
  issuedAt?: number,
): Promise<{ authorization: string }> {
  const token = await signToken(userId, { claims: sid ? { sid } : {}, issuedAt });
  return { authorization: `Bearer ${token}` };
}
