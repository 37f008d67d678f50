import "server-only";
import { emailDigest } from "./audit";
import { getPool } from "./db";
import { log } from "./log";

/** Attempts an account gets before each further one has to wait. */
export const FREE_ATTEMPTS = 5;
/** The wait after the fifth attempt; it doubles with each attempt after that. */
export const FIRST_WAIT_SECONDS = 30;
export const MAX_WAIT_SECONDS = 15 * 60;
/** A day without attempts and an account starts counting again. */
const FORGET_AFTER_SECONDS = 24 * 60 * 60;
const SWEEP_EVERY_MS = 60 * 60 * 1000;
let lastSweep = 0;

/** Rows past FORGET_AFTER count for nothing; each process deletes them at most once an hour. */
function sweepForgotten(): void {
  if (Date.now() - lastSweep < SWEEP_EVERY_MS) return;
  lastSweep = Date.now();
  getPool()
    .query("delete from sign_in_throttle where updated_at < now() - make_interval(secs => $1)", [
      FORGET_AFTER_SECONDS,
    ])
    .catch((error: Error) => log("warn", `sign-in throttle sweep failed: ${error.message}`));
}

/**
 * Counts one sign-in attempt for `email`, whatever address it comes from, and whether or not the
 * email has an account. Returns the seconds to wait when the account is throttled (the attempt
 * then does not count), else undefined. One statement: parallel attempts are counted exactly.
 */
export async function claimSignInAttempt(email: string): Promise<number | undefined> {
  sweepForgotten();
  const { rows } = await getPool().query<{ attempts: number | null; wait: number | null }>(
    `with claim as (
       insert into sign_in_throttle as t (email_digest, attempts, updated_at)
       values ($1, 1, now())
       on conflict (email_digest) do update set
         attempts = case when t.updated_at < now() - make_interval(secs => $4) then 1
                         else t.attempts + 1 end,
         blocked_until = case
           when t.updated_at >= now() - make_interval(secs => $4) and t.attempts + 1 >= $2
           then now() + make_interval(secs => least($5::float8, $3 * power(2, t.attempts + 1 - $2)))
         end,
         updated_at = now()
       where t.blocked_until is null or t.blocked_until <= now()
       returning attempts
     )
     select (select attempts from claim) as attempts,
            (select ceil(extract(epoch from blocked_until - now()))::int
               from sign_in_throttle where email_digest = $1) as wait`,
    [emailDigest(email), FREE_ATTEMPTS, FIRST_WAIT_SECONDS, FORGET_AFTER_SECONDS, MAX_WAIT_SECONDS],
  );
  const [row] = rows;
  if (row?.attempts != null) return undefined;
  return Math.max(1, row?.wait ?? 1);
}

/** Forgets the attempts of `email`: after a successful sign-in or a password reset. */
export async function clearSignInThrottle(email: string): Promise<void> {
  await getPool().query("delete from sign_in_throttle where email_digest = $1", [
    emailDigest(email),
  ]);
}
