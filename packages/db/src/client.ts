import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
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

export function createPool(connectionString: string, options: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    application_name: options.applicationName,
    max: options.max ?? 10,
    connectionTimeoutMillis: DB_TIMEOUTS.connectMs,
    statement_timeout: DB_TIMEOUTS.statementMs,
    query_timeout: DB_TIMEOUTS.statementMs + 500,
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

export function createDb(pool: pg.Pool) {
  return drizzle(pool, { schema });
}
export type Db = ReturnType<typeof createDb>;
