import "server-only";
import { createPool } from "@todo/db/client";
import type pg from "pg";
import { getEnv } from "./env";

let pool: pg.Pool | undefined;

/** The web server's one connection pool (Better Auth and the sign-in throttle), opened on first use. */
export function getPool(): pg.Pool {
  pool ??= createPool(getEnv().DATABASE_URL, { applicationName: "todo-web", max: 5 });
  return pool;
}
