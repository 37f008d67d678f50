import type pg from "pg";

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * One statement per request: starts a fresh fixed window for the key, or counts one more
 * request in the current one, atomically (concurrent processes serialise on the row).
 * Prepared once per connection.
 */
const HIT = {
  name: "rate-limit-hit",
  text: `insert into rate_limits as r (key, window_start, count) values ($1, now(), 1)
    on conflict (key) do update set
      window_start = case when r.window_start + $2 * interval '1 millisecond' <= now()
        then now() else r.window_start end,
      count = case when r.window_start + $2 * interval '1 millisecond' <= now()
        then 1 else r.count + 1 end
    returning count,
      ceil(extract(epoch from r.window_start + $2 * interval '1 millisecond' - now()) * 1000)::int as ttl`,
};

const SWEEP = "delete from rate_limits where window_start < now() - $1 * interval '1 millisecond'";

/**
 * A store for @fastify/rate-limit kept in PostgreSQL, so that every API process counts
 * against the same budget (docs/decisions/0010-shared-rate-limit-store.md). Errors reach
 * the error handler, which answers 503 when the database is unreachable.
 */
export class PostgresRateLimitStore {
  constructor(private readonly pool: pg.Pool) {}

  incr(key: string, callback: Callback, timeWindow: number): void {
    this.pool.query<{ count: number; ttl: number }>({ ...HIT, values: [key, timeWindow] }).then(
      ({ rows: [row] }) => callback(null, { current: row?.count ?? 0, ttl: row?.ttl ?? 0 }),
      (error: Error) => callback(error),
    );
  }

  /** The limiter is global (one hook), so route-level stores are this one. */
  child(): PostgresRateLimitStore {
    return this;
  }

  /** Deletes the counters of keys whose window ended longer than `olderThanMs` ago. */
  async sweep(olderThanMs: number): Promise<number> {
    const { rowCount } = await this.pool.query(SWEEP, [olderThanMs]);
    return rowCount ?? 0;
  }
}
