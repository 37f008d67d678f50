import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../src/test-database";

let database: TestDatabase;
let client: pg.Client;
beforeAll(async () => {
  database = await createTestDatabase(inject("serverUrl"));
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  // A day's revocations at scale (ADR 0046, fifth session): 100,000 rows of 19,000 users, one in
  // ten a user-wide cutoff. Triggers off: no NOTIFY for each, and no subscriptions to end.
  await client.query("alter table revocations disable trigger user");
  await client.query(`insert into revocations (user_id, session_id, revoked_at)
    select 'user-' || (i % 19000), case when i % 10 = 0 then null else 'session-' || i end,
      now() - random() * interval '24 hours'
    from generate_series(1, 100000) i`);
  await client.query("analyze revocations");
});
afterAll(async () => {
  await client?.end();
  await database?.drop();
});

/** The names of the indexes a plan (EXPLAIN's JSON) reads. */
function indexesOf(plan: Record<string, unknown>): string[] {
  const own = typeof plan["Index Name"] === "string" ? [plan["Index Name"]] : [];
  const children = (plan.Plans as Record<string, unknown>[] | undefined) ?? [];
  return [...own, ...children.flatMap(indexesOf)];
}

describe("revocations at scale", () => {
  it("are read by user for a subscribe's check, not scanned whole", async () => {
    // The predicate of the check in apps/api's notification-channels-repository.ts `subscribe`.
    const { rows } = await client.query(
      `explain (format json) select exists (
        select 1 from revocations where user_id = $1
          and (session_id = $2 or (session_id is null and revoked_at >= to_timestamp($3))))`,
      ["user-42", "session-live", Date.now() / 1000 - 3600],
    );
    expect(indexesOf(rows[0]["QUERY PLAN"][0].Plan)).toContain("revocations_user_id_idx");
  });
});
