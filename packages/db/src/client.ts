import { drizzle } from "drizzle-orm/postgres-js";
import pg from "pg";
import postgres from "postgres";
import * as schema from "./schema";

export interface PoolOptions {
  /** Shown in `pg_stat_activity`. */
  applicationName: string;
  max?: number;
}

/**
 * Every wait is bounded so that an unreachable or stalled database surfaces as an
 * error within seconds (the API turns it into a 503) instead of a growing queue: a query
 * waits at most 2 s for a connection and 3 s for its answer, 5 s in all.
 */
export const DB_TIMEOUTS = {
  connectMs: 2_000,
  statementMs: 2_500,
} as const;

/** The client-side bound on a query's answer: the server's own timeout, plus its way back. */
const QUERY_TIMEOUT_MS = DB_TIMEOUTS.statementMs + 500;
/** How long postgres.js waits for the server to answer a cancel before closing the connection. */
const CANCEL_TIMEOUT_MS = 1_000;
/**
 * The request path's hard bound on a query: postgres.js's own timeout and cancel. Its timeout
 * starts only once a query is at the head of its connection's pipeline, so behind a stalled
 * server the queries pipelined after the first would each wait their turn (measured: up to 24 s
 * with 6 s of latency).
 */
const DEADLINE_MS = QUERY_TIMEOUT_MS + CANCEL_TIMEOUT_MS;

/**
 * A `pg` pool: the web app's (Better Auth), and the API's background work (rate-limit flushes,
 * sweeps). The API's request path uses `createSql` (ADR 0035).
 */
export function createPool(connectionString: string, options: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    application_name: options.applicationName,
    max: options.max ?? 10,
    connectionTimeoutMillis: DB_TIMEOUTS.connectMs,
    statement_timeout: DB_TIMEOUTS.statementMs,
    query_timeout: QUERY_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
  });
  // A client whose server went away emits "error": an idle one through the pool, one checked
  // out between two statements (inside a transaction) on itself. Without a listener the process
  // dies; with one, its next query fails (a 503) and the pool drops it on release.
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
  return pool;
}

/** Connections of the API's request path: pipelined, so a few serve many requests (ADR 0035). */
export const SQL_POOL_SIZE = 4;

/**
 * The API's request path: a postgres.js client (pipelined queries on a few connections), with
 * the same bounds as `createPool`: 2 s to connect or to wait for a connection, the server's
 * statement timeout, and a client-side timeout for a server that stops answering. Its `unsafe`
 * (what Drizzle calls) prepares every statement and bounds it by DEADLINE_MS.
 */
export function createSql(connectionString: string, options: PoolOptions): postgres.Sql {
  const sql = postgres(connectionString, {
    max: options.max ?? SQL_POOL_SIZE,
    connect_timeout: DB_TIMEOUTS.connectMs / 1000,
    queue_timeout: DB_TIMEOUTS.connectMs / 1000,
    query_timeout: QUERY_TIMEOUT_MS / 1000,
    // A canceled query whose connection does not answer the cancel closes that connection soon.
    cancel_timeout: CANCEL_TIMEOUT_MS / 1000,
    // After a failed connection attempt, the next query waiting tries again at once (one attempt
    // at a time), as pg does: postgres.js's default backs off up to 20 s, failing every query
    // meanwhile, so the API would stay down that long after the database is back.
    backoff: 0,
    idle_timeout: 30,
    connection: {
      application_name: options.applicationName,
      statement_timeout: DB_TIMEOUTS.statementMs,
    },
    onnotice: () => {},
  });
  return preparing(sql);
}

type Pending = postgres.PendingQuery<postgres.Row[]> & { settled?: boolean };

/** Rejects the query as timed out (code QUERY_TIMEOUT, a 503) if it has not settled by then. */
function withDeadline(query: Pending): Pending {
  // A weak reference: the timer does not keep a settled query's rows alive.
  const ref = new WeakRef(query);
  setTimeout(() => {
    const pending = ref.deref();
    if (!pending || pending.settled) return;
    const error = Object.assign(new Error("The database did not answer in time"), {
      code: "QUERY_TIMEOUT",
    });
    (pending as unknown as { reject(error: Error): void }).reject(error);
  }, DEADLINE_MS).unref();
  return query;
}

/**
 * Every statement Drizzle sends is prepared, once per connection (postgres.js keeps up to 1,000
 * per connection and closes the least recently used): Drizzle builds the same text for the same
 * query shape, with the values as parameters, and asks postgres.js to prepare only the
 * statements it names. Inside transactions too. And every one has a hard deadline.
 */
function preparing(client: postgres.Sql): postgres.Sql {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === "unsafe") {
        return (query: string, parameters?: unknown[], options?: object) =>
          withDeadline(
            target.unsafe(query, parameters as postgres.ParameterOrJSON<never>[], {
              ...options,
              prepare: true,
            }),
          );
      }
      if (property === "begin") {
        return (...args: unknown[]) => {
          const work = args.pop() as (tx: postgres.Sql) => unknown;
          return (target.begin as (...a: unknown[]) => unknown)(...args, (tx: postgres.Sql) =>
            work(preparing(tx)),
          );
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

export type Sql = postgres.Sql;

/** Drizzle over a `createSql` client. */
export function createDb(sql: Sql) {
  return drizzle(sql, { schema });
}
export type Db = ReturnType<typeof createDb>;
