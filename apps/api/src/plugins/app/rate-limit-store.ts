import type pg from "pg";

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * One statement per flush, for every key counted since the last one: starts a fresh fixed
 * window for a key whose window ended (by the database's clock), or adds the key's hits to the
 * current one, atomically (concurrent processes serialise on each row). Returns each key's
 * combined count and the time its window has left. Prepared once per connection.
 */
const FLUSH = {
  name: "rate-limit-flush",
  // Windows start on a whole millisecond at or before now(): the column keeps milliseconds, and
  // rounding up would make the time left exceed the window.
  text: `insert into rate_limits as r (key, window_start, count)
      select key, date_trunc('milliseconds', now()), hits
        from unnest($1::text[], $2::int[]) as h(key, hits)
    on conflict (key) do update set
      window_start = case when r.window_start + $3 * interval '1 millisecond' <= now()
        then date_trunc('milliseconds', now()) else r.window_start end,
      count = case when r.window_start + $3 * interval '1 millisecond' <= now()
        then excluded.count else r.count + excluded.count end
    returning key, count,
      ceil(extract(epoch from r.window_start + $3 * interval '1 millisecond' - now()) * 1000)::int as ttl`,
};

const SWEEP = "delete from rate_limits where window_start < now() - $1 * interval '1 millisecond'";

/** The share of the limit a process may admit for one key before the others have seen it. */
const LOCAL_SHARE = 0.01;

/** How many requests one process may admit for one key without confirming them: ⌊1 % of max⌋. */
export function localAllowance(max: number): number {
  return Math.floor(max * LOCAL_SHARE);
}

interface Waiter {
  done: Callback;
  /** The request's place among the hits of its flush (1-based). */
  place: number;
}

/** What this process knows of one key's window, and the hits it has not confirmed yet. */
interface Counter {
  key: string;
  /** When the window ends, by this process's clock (the database's, as of the last flush). */
  windowEnd: number;
  /** The combined count of every process, as of this process's last flush. */
  shared: number;
  /** Hits being flushed now, and the requests waiting for that flush. */
  inFlight: number;
  inFlightWaiters: Waiter[];
  /** Hits since, and the requests waiting for the next flush. */
  pending: number;
  waiters: Waiter[];
}

export interface RateLimitStoreOptions {
  timeWindowMs: number;
  flushIntervalMs: number;
  onFlushError: (error: unknown) => void;
}

/**
 * A store for @fastify/rate-limit that counts in memory and flushes the counts of every key to
 * PostgreSQL in one statement every `flushIntervalMs`, so that every API process counts against
 * the same budget without a round trip per request
 * (docs/decisions/0024-batched-rate-limit-counts.md).
 *
 * A process admits at most `localAllowance(max)` requests of one key that the others have not
 * seen; past that, a request waits for the next flush, which then starts at once. Together, N
 * processes admit at most N × localAllowance(max) over the limit in a window (none when the
 * limit is under 100). Errors of a flush that requests wait for reach the error handler, which
 * answers 503 when the database is unreachable.
 */
export class BatchedRateLimitStore {
  readonly #counters = new Map<string, Counter>();
  /** Counters with hits to flush. */
  readonly #dirty = new Set<Counter>();
  readonly #timer: NodeJS.Timeout;
  #flushing: Promise<void> | null = null;
  /** A request waits: flush again as soon as the current flush ends. */
  #flushAgain = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: RateLimitStoreOptions,
  ) {
    this.#timer = setInterval(() => this.#flush(), options.flushIntervalMs).unref();
  }

  incr(key: string, done: Callback, timeWindow: number, max: number): void {
    const now = Date.now();
    let counter = this.#counters.get(key);
    if (!counter) {
      counter = {
        key,
        windowEnd: now + timeWindow,
        shared: 0,
        inFlight: 0,
        inFlightWaiters: [],
        pending: 0,
        waiters: [],
      };
      this.#counters.set(key, counter);
    } else if (counter.windowEnd <= now) {
      // The window ended: unconfirmed hits still count, in the next window.
      counter.windowEnd = now + timeWindow;
      counter.shared = 0;
    }
    counter.pending++;
    this.#dirty.add(counter);
    const current = counter.shared + counter.inFlight + counter.pending;
    const ttl = counter.windowEnd - now;
    if (current > max || counter.inFlight + counter.pending <= localAllowance(max)) {
      done(null, { current, ttl });
      return;
    }
    counter.waiters.push({ done, place: counter.pending });
    this.#flushAgain = true;
    this.#flush();
  }

  /** The limiter is global (one hook), so route-level stores are this one. */
  child(): BatchedRateLimitStore {
    return this;
  }

  /** Stops the timer and writes the hits not yet flushed. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    while (this.#flushing) await this.#flushing;
    if (this.#dirty.size > 0) {
      this.#flush();
      await this.#flushing;
    }
  }

  /** Deletes the counters of keys whose window ended longer than `olderThanMs` ago. */
  async sweep(olderThanMs: number): Promise<number> {
    const now = Date.now();
    for (const [key, counter] of this.#counters) {
      if (counter.windowEnd + olderThanMs < now && !this.#dirty.has(counter)) {
        this.#counters.delete(key);
      }
    }
    const { rowCount } = await this.pool.query(SWEEP, [olderThanMs]);
    return rowCount ?? 0;
  }

  #flush(): void {
    if (this.#flushing || this.#dirty.size === 0) return;
    this.#flushAgain = false;
    const batch = [...this.#dirty];
    this.#dirty.clear();
    for (const counter of batch) {
      counter.inFlight = counter.pending;
      counter.inFlightWaiters = counter.waiters;
      counter.pending = 0;
      counter.waiters = [];
    }
    this.#flushing = this.pool
      .query<{ key: string; count: number; ttl: number }>({
        ...FLUSH,
        values: [batch.map((c) => c.key), batch.map((c) => c.inFlight), this.options.timeWindowMs],
      })
      .then(
        ({ rows }) => {
          const now = Date.now();
          const confirmed = new Map(rows.map((row) => [row.key, row]));
          for (const counter of batch) {
            const row = confirmed.get(counter.key);
            const count = row?.count ?? counter.shared + counter.inFlight;
            const first = count - counter.inFlight;
            counter.shared = count;
            if (row) counter.windowEnd = now + row.ttl;
            const ttl = counter.windowEnd - now;
            const waiters = counter.inFlightWaiters;
            counter.inFlight = 0;
            counter.inFlightWaiters = [];
            for (const { done, place } of waiters) done(null, { current: first + place, ttl });
          }
        },
        (error: unknown) => {
          this.options.onFlushError(error);
          // Kept for the next flush; whoever waited gets the error now, not a second wait.
          for (const counter of batch) {
            const waiters = counter.inFlightWaiters;
            for (const waiter of counter.waiters) waiter.place += counter.inFlight;
            counter.pending += counter.inFlight;
            counter.inFlight = 0;
            counter.inFlightWaiters = [];
            this.#dirty.add(counter);
            for (const { done } of waiters) done(error as Error);
          }
        },
      )
      .finally(() => {
        this.#flushing = null;
        if (this.#flushAgain) this.#flush();
      });
  }
}
