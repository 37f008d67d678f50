import type pg from "pg";

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * One statement per batch of requests of one key: starts a fresh fixed window for the key,
 * or counts $3 more requests in the current one, atomically (concurrent processes serialise
 * on the row). Prepared once per connection.
 */
const HIT = {
  name: "rate-limit-hit",
  text: `insert into rate_limits as r (key, window_start, count) values ($1, now(), $3)
    on conflict (key) do update set
      window_start = case when r.window_start + $2 * interval '1 millisecond' <= now()
        then now() else r.window_start end,
      count = case when r.window_start + $2 * interval '1 millisecond' <= now()
        then $3 else r.count + $3 end
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
  /** Keys with a statement in flight, and the requests that arrived meanwhile. */
  readonly #waiting = new Map<string, Callback[]>();

  constructor(private readonly pool: pg.Pool) {}

  /**
   * Requests of one key that arrive while its statement runs are counted together by the
   * next one (a burst of one user would otherwise queue on the row lock, one round trip
   * each). Each still gets its own position in the window, so the limit stays exact.
   */
  incr(key: string, callback: Callback, timeWindow: number): void {
    const waiting = this.#waiting.get(key);
    if (waiting) waiting.push(callback);
    else this.#hit(key, [callback], timeWindow);
  }

  #hit(key: string, callbacks: Callback[], timeWindow: number): void {
    this.#waiting.set(key, []);
    const hits = callbacks.length;
    this.pool
      .query<{ count: number; ttl: number }>({ ...HIT, values: [key, timeWindow, hits] })
      .then(
        ({ rows: [row] }) => {
          const next = this.#waiting.get(key) ?? [];
          if (next.length > 0) this.#hit(key, next, timeWindow);
          else this.#waiting.delete(key);
          let current = (row?.count ?? hits) - hits;
          for (const done of callbacks) done(null, { current: ++current, ttl: row?.ttl ?? 0 });
        },
        (error: Error) => {
          // The database is failing: those who queued meanwhile get the same answer now rather
          // than a second wait, so every request stays within the pool's bounds.
          const queued = this.#waiting.get(key) ?? [];
          this.#waiting.delete(key);
          for (const done of [...callbacks, ...queued]) done(error);
        },
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
