import { createListSchema } from "@todo/contract/list";
import { listQuerySchema } from "@todo/contract/list-query";
import { createTaskSchema } from "@todo/contract/task";
import { createDb, createSql } from "@todo/db/client";
import { afterAll, expect, inject, it } from "vitest";
import { CursorCodec } from "../src/lib/cursor";
import { ListsRepository } from "../src/repositories/lists-repository";
import { TasksRepository } from "../src/repositories/tasks-repository";
import { newUserId, TEST_CURSOR_SECRET } from "./helpers";

// One connection, so the statements it has prepared are the ones this test sent.
const sql = createSql(inject("databaseUrl"), { applicationName: "todo-api-test", max: 1 });
afterAll(() => sql.end());
const db = createDb(sql);
const tasks = new TasksRepository(db, new CursorCodec(TEST_CURSOR_SECRET));

const prepared = async () =>
  (await sql<{ statement: string }[]>`select statement from pg_prepared_statements`).map(
    (row) => row.statement,
  );

it("prepares each statement the repositories send once per connection, in transactions too", async () => {
  const userId = newUserId();
  const created = await tasks.create(userId, createTaskSchema.parse({ title: "one", tags: ["a"] }));
  if (created.outcome !== "created") throw new Error(created.outcome);
  const id = created.record.id;
  // With an Idempotency-Key: the same statement, inside the key's transaction.
  const keyed = await tasks.create(userId, createTaskSchema.parse({ title: "two" }), {
    key: "prepared-statements",
    requestHash: "0".repeat(64),
  });
  expect(keyed.outcome).toBe("created");
  // The same shapes again and again, with other values: one statement each.
  for (const limit of ["5", "10", "20"]) {
    const page = JSON.parse(await tasks.list(userId, listQuerySchema.parse({ limit })));
    expect(page.total).toBe(2);
    expect(JSON.parse((await tasks.get(userId, id))?.json ?? "null").title).toBe("one");
    await tasks.setCompleted(userId, id, undefined);
  }
  // A transaction (a list's create holds the user's lock in one).
  const lists = new ListsRepository(db);
  for (const name of ["x", "y"]) {
    expect((await lists.create(userId, createListSchema.parse({ name }))).outcome).toBe("created");
  }

  const statements = await prepared();
  const count = (pattern: RegExp) => statements.filter((text) => pattern.test(text)).length;
  expect(count(/^insert into "tasks"/)).toBe(1);
  expect(count(/^select .* from \(select .* from "tasks" .* limit \$\d+\) "page"$/s)).toBe(1);
  expect(count(/^update "tasks"/)).toBe(1);
  expect(count(/^insert into "lists"/)).toBe(1);
  expect(count(/pg_advisory_xact_lock/)).toBe(1);
  // Nothing was sent twice as a separate statement.
  expect(new Set(statements).size).toBe(statements.length);
});
