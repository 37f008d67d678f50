import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { migrate } from "../src/migrate";
import { APP_ROLES, applyGrants, ensureRole, qualifiedName, TABLE_GRANTS } from "../src/roles";
import { createTestDatabase, type TestDatabase } from "../src/test-database";

const PERMISSION_DENIED = { code: "42501" };

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

async function query(url: string, text: string, values: unknown[] = []) {
  const client = await connect(url);
  try {
    return (await client.query(text, values)).rows;
  } finally {
    await client.end();
  }
}

const withDatabase = (url: string, database: string) =>
  Object.assign(new URL(url), { pathname: `/${database}` }).toString();

/** What the apps' roles may do in the database at `url`, as PostgreSQL reports it. */
const privileges = (url: string) =>
  query(
    url,
    `select grantee, table_schema, table_name, privilege_type
     from information_schema.role_table_grants where grantee = any($1)
     order by grantee, table_schema, table_name, privilege_type`,
    [Object.values(APP_ROLES)],
  );

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase(inject("serverUrl"));
});
afterAll(() => database?.drop());

describe("the apps' database roles", () => {
  it("exist after migrating a fresh database", async () => {
    const rows = await query(
      database.url,
      "select rolname from pg_roles where rolname = any($1) order by rolname",
      [Object.values(APP_ROLES)],
    );
    expect(rows.map((row) => row.rolname)).toEqual(["todo_api", "todo_web"]);
  });

  it("keep the API out of Better Auth's tables: no password hash, session or signing key", async () => {
    for (const table of ["account", "session", "jwks", "user", "verification", "rate_limit"]) {
      await expect(
        query(database.roleUrls.api, `select * from "${table}"`),
        table,
      ).rejects.toMatchObject(PERMISSION_DENIED);
    }
    await expect(
      query(
        database.roleUrls.api,
        "insert into jwks (id, public_key, private_key, created_at) values ('k', 'p', 'p', now())",
      ),
    ).rejects.toMatchObject(PERMISSION_DENIED);
  });

  it("keep the web app out of the API's tables", async () => {
    for (const table of ["tasks", "task_counts", "idempotency_keys", "rate_limits"]) {
      await expect(
        query(database.roleUrls.web, `select * from ${table}`),
        table,
      ).rejects.toMatchObject(PERMISSION_DENIED);
    }
  });

  it("let each app do its own work", async () => {
    const [task] = await query(
      database.roleUrls.api,
      "insert into tasks (user_id, title) values ('roles-user', 'A task') returning id",
    );
    expect(task?.id).toBeDefined();
    // The counting triggers run as the API's role too.
    expect(
      await query(
        database.roleUrls.api,
        "select total from task_counts where user_id = 'roles-user'",
      ),
    ).toEqual([{ total: "1" }]);
    await query(
      database.roleUrls.web,
      `insert into "user" (id, name, email) values ('roles-user', 'Roles', 'roles@example.test');
       insert into jwks (id, public_key, private_key, created_at) values ('roles-key', 'p', 'p', now())`,
    );
    expect(await query(database.roleUrls.web, "select id from jwks")).toEqual([
      { id: "roles-key" },
    ]);
  });

  it("have a grant entry for every table of the schema, and none for a table that is gone", async () => {
    const tables = await query(
      database.url,
      `select table_schema || '.' || table_name as name from information_schema.tables
       where table_schema in ('public', 'drizzle', 'graphile_worker') and table_type = 'BASE TABLE'
       order by 1`,
    );
    expect(tables.map((table) => table.name)).toEqual(
      Object.keys(TABLE_GRANTS).map(qualifiedName).sort(),
    );
  });

  it("get their grants back exactly when migrations run again, and lose any extra one", async () => {
    const granted = await privileges(database.url);
    await query(
      database.url,
      "revoke select on tasks from todo_api; grant select on account to todo_api; grant select on tasks to todo_web",
    );
    await migrate(database.url);
    await migrate(database.url);
    expect(await privileges(database.url)).toEqual(granted);
    expect(await query(database.roleUrls.api, "select count(*) from tasks")).toHaveLength(1);
    await expect(query(database.roleUrls.api, "select * from account")).rejects.toMatchObject(
      PERMISSION_DENIED,
    );
  });

  it("give a serial column's sequence with insert", async () => {
    const owner = await connect(database.url);
    try {
      await owner.query(
        "create schema probe; create table probe.notes (id serial primary key, body text)",
      );
      await applyGrants(owner, { "probe.notes": { api: ["select", "insert"] } });
      expect(
        await query(
          database.roleUrls.api,
          "insert into probe.notes (body) values ('x') returning id",
        ),
      ).toEqual([{ id: 1 }]);
      await expect(
        query(database.roleUrls.web, "insert into probe.notes (body) values ('x')"),
      ).rejects.toMatchObject(PERMISSION_DENIED);
    } finally {
      await owner.query("drop schema probe cascade");
      await owner.end();
    }
  });

  it("are created once when two sessions create one at the same moment", async () => {
    const role = `probe_${randomBytes(4).toString("hex")}`;
    const [first, second] = [
      await connect(inject("serverUrl")),
      await connect(inject("serverUrl")),
    ];
    try {
      const [{ pid }] = (await second.query("select pg_backend_pid() as pid")).rows;
      // The first creation stays uncommitted, so the second sees no role and collides with it.
      await first.query("begin");
      await ensureRole(first, role);
      const creating = ensureRole(second, role);
      await expect
        .poll(async () => {
          const rows = await query(
            inject("serverUrl"),
            "select wait_event_type from pg_stat_activity where pid = $1",
            [pid],
          );
          return rows[0]?.wait_event_type;
        })
        .toBe("Lock");
      await first.query("commit");
      await expect(creating).resolves.toBeUndefined();
      expect(
        await query(
          inject("serverUrl"),
          "select count(*)::int as n from pg_roles where rolname = $1",
          [role],
        ),
      ).toEqual([{ n: 1 }]);
    } finally {
      await first.query(`drop role if exists ${role}`);
      await Promise.all([first.end(), second.end()]);
    }
  });
});

describe("migrating as an app's role", () => {
  it("checks that no migration is pending instead, and refuses a database that needs some", async () => {
    await expect(migrate(database.roleUrls.api)).resolves.toBeUndefined();

    const empty = `empty_${randomBytes(4).toString("hex")}`;
    await query(inject("serverUrl"), `create database ${empty}`);
    try {
      await expect(migrate(withDatabase(database.roleUrls.api, empty))).rejects.toThrow(
        /pending migration.*MIGRATION_DATABASE_URL/,
      );
    } finally {
      await query(inject("serverUrl"), `drop database ${empty} with (force)`);
    }
  });
});
