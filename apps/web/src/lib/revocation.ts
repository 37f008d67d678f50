import "server-only";
import type { BetterAuthPlugin } from "better-auth";
import { createAuthMiddleware, isAPIError } from "better-auth/api";
import type pg from "pg";

/**
 * Every token of the user issued until now is refused by the API, `sid` or not (docs/api.md,
 * Ended sessions). Stamped with this server's clock, the one that sets the tokens' `iat`; the
 * `revocations` trigger notifies the API processes.
 */
export async function refuseTokensIssuedUntilNow(pool: pg.Pool, userId: string): Promise<void> {
  await pool.query("insert into revocations (user_id, revoked_at) values ($1, $2)", [
    userId,
    new Date(),
  ]);
}

/**
 * Ended sessions need nothing here: a trigger on the `session` table writes a revocation for
 * every deleted row, whichever path deletes it (docs/decisions/0018-session-revocation.md).
 * A trigger cannot tell "sign out everywhere" from single sign-outs, so that endpoint also
 * refuses the user's earlier tokens once it has succeeded.
 */
export function revocation(pool: pg.Pool) {
  return {
    id: "revocation",
    hooks: {
      after: [
        {
          matcher: (ctx) => ctx.path === "/revoke-sessions",
          handler: createAuthMiddleware(async (ctx) => {
            const userId = ctx.context.session?.user.id;
            if (userId && !isAPIError(ctx.context.returned)) {
              await refuseTokensIssuedUntilNow(pool, userId);
            }
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}
