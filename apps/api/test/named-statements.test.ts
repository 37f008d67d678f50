import pg from "pg";
import { afterAll, expect, inject, it } from "vitest";
import { nameStatements } from "../src/lib/named-statements";

// One connection, so the statements it has prepared are the ones this test sent.
const pool = new pg.Pool({ connectionString: inject("databaseUrl"), max: 1 });
nameStatements(pool);
afterAll(() => pool.end());

const prepared = async () =>
  (
    await pool.query<{ name: string; statement: string }>(
      "select name, statement from pg_prepared_statements order by name",
    )
  ).rows;

it("prepares each distinct statement once per connection, named after its text", async () => {
  const point = "select $1::int + 1 as next";
  for (const value of [1, 2, 3]) {
    const { rows } = await pool.query<{ next: number }>({ text: point, values: [value] });
    expect(rows[0]?.next).toBe(value + 1);
  }
  await pool.query({ text: "select $1::text as echo", values: ["a"] });
  // Already named (a prepared Drizzle query): kept as it is.
  await pool.query({ name: "own-name", text: "select 1 as one" });

  const statements = await prepared();
  expect(statements.filter((s) => s.statement === point)).toHaveLength(1);
  expect(statements.map((s) => s.statement)).toContain("select $1::text as echo");
  expect(statements.find((s) => s.statement === "select 1 as one")?.name).toBe("own-name");
});
