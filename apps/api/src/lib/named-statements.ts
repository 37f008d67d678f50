import type pg from "pg";

/** Past this many distinct statements a process sends the others unnamed (an `If-Match` list of
 * any length makes a statement of its own). */
const MAX_NAMED = 200;

type QueryArguments = [config: unknown, ...rest: unknown[]];

/**
 * Names every statement the pool runs (outside transactions) after its text, so that each
 * connection has PostgreSQL parse and plan it once rather than on every request: Drizzle builds
 * the same text for the same query shape, with the values as parameters. Statements that carry
 * a name already (prepared ones) and plain-string queries are left as they are.
 */
export function nameStatements(pool: pg.Pool): void {
  const names = new Map<string, string>();
  const query = pool.query.bind(pool) as (...args: QueryArguments) => unknown;
  pool.query = ((config: unknown, ...rest: unknown[]) => {
    if (typeof config === "object" && config !== null && !("name" in config && config.name)) {
      const { text } = config as { text?: unknown };
      if (typeof text === "string") {
        let name = names.get(text);
        if (name === undefined && names.size < MAX_NAMED) {
          name = `statement-${names.size}`;
          names.set(text, name);
        }
        if (name !== undefined) return query({ ...config, name }, ...rest);
      }
    }
    return query(config, ...rest);
  }) as typeof pool.query;
}
