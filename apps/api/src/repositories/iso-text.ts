import { type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

/**
 * A timestamp as `Date.prototype.toISOString()` writes it: UTC, milliseconds, `Z`, written by
 * PostgreSQL. Never through a JavaScript `Date` read from the driver, which takes a stored year
 * below 100 (an import may store one) for 19xx or 20xx. PostgreSQL refuses years outside
 * 1–9999 (AD) on input, and within them both write the same.
 */
export function isoText(column: SQL | AnyPgColumn): SQL<string | null> {
  return sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}
