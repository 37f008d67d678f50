import pg from "pg";

/**
 * Each app connects as its own role, which may touch only its own tables: the API cannot read
 * Better Auth's tables (password hashes, sessions, the encrypted signing keys), the web app
 * cannot read tasks. Roles are cluster-wide; their privileges are per database, granted by
 * whoever migrates (docs/decisions/0016-least-privilege-database-roles.md).
 */
export const APP_ROLES = { api: "todo_api", web: "todo_web" } as const;
export type App = keyof typeof APP_ROLES;

type Privilege = "select" | "insert" | "update" | "delete";
/** A privilege on the whole table, or `select` on some columns only. */
type Grant = Privilege | { select: readonly string[] };
export type TableGrants = Readonly<Record<string, Partial<Record<App, readonly Grant[]>>>>;

const READ_WRITE = ["select", "insert", "update", "delete"] as const;

/**
 * Every table (`schema.table`, or `table` in `public`) and what each app's role may do with it:
 * the one place privileges are granted. Everything else is revoked from the roles each time
 * this is applied. A new table gets its line here; a test fails until it has one.
 */
export const TABLE_GRANTS: TableGrants = {
  // apps/api
  tasks: { api: READ_WRITE },
  lists: { api: READ_WRITE },
  idempotency_keys: { api: READ_WRITE },
  // Written by the triggers on `tasks`, which run as the role that changed the tasks.
  task_counts: { api: ["select", "insert", "update"] },
  rate_limits: { api: READ_WRITE },
  // Delivered reminders, written by the reminder job (apps/api/src/jobs/reminders.ts).
  notifications: { api: READ_WRITE },
  // graphile-worker's queue (its own schema, migrated by migrate.ts): the triggers on `tasks` add
  // and remove jobs as the API's role; every API process runs a worker that takes, completes and
  // retries them, and registers its task names (migration 0013 gives the tables row policies).
  // At start-up it only reads which migrations ran.
  "graphile_worker._private_jobs": { api: READ_WRITE },
  "graphile_worker._private_job_queues": { api: READ_WRITE },
  "graphile_worker._private_tasks": { api: ["select", "insert"] },
  // Read and written by the worker's cron loop at start-up, though we schedule no cron jobs.
  "graphile_worker._private_known_crontabs": { api: ["select", "insert", "update"] },
  "graphile_worker.migrations": { api: ["select"] },
  // Written by the triggers on `session` and `user` (which also sweep old rows), as the web
  // app's role; the API only reads them, on each reconnect of its feed.
  revocations: { api: ["select"], web: ["select", "insert", "delete"] },
  // An API process that cannot migrate checks at start-up that nothing is pending (migrate.ts).
  "drizzle.__drizzle_migrations": { api: ["select"] },
  // apps/web: Better Auth
  // The API reads only what a reminder email needs: whom to write to, whether the address was
  // verified, and the name to greet (docs/decisions/0031-web-push-and-email-reminders.md).
  user: { web: READ_WRITE, api: [{ select: ["id", "name", "email", "email_verified"] }] },
  session: { web: READ_WRITE },
  account: { web: READ_WRITE },
  verification: { web: READ_WRITE },
  // The jwt plugin reads keys and adds new ones; it never changes or deletes one.
  jwks: { web: ["select", "insert"] },
  rate_limit: { web: READ_WRITE },
  // Better Auth's two-factor and passkey plugins.
  two_factor: { web: READ_WRITE },
  passkey: { web: READ_WRITE },
  // Failed sign-ins per account (apps/web/src/lib/sign-in-throttle.ts).
  sign_in_throttle: { web: READ_WRITE },
  // apps/api: notification channels (docs/api.md, Notification settings and Web Push).
  push_subscriptions: { api: READ_WRITE },
  notification_settings: { api: READ_WRITE },
};

/** `schema.table`, `public` when the name has no schema. */
export const qualifiedName = (table: string) => (table.includes(".") ? table : `public.${table}`);
const sqlName = (name: string) => name.split(".").map(pg.escapeIdentifier).join(".");

/**
 * Creates `role` without login unless it exists (the embedded database or a deployment gives
 * it a password). Tolerates another session creating it at the same moment, and a migrating
 * user that may not create roles: a role that does not exist gets no privileges, and nobody
 * can log in as it.
 */
export async function ensureRole(client: pg.ClientBase, role: string): Promise<void> {
  await client.query(`DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ${pg.escapeLiteral(role)}) THEN
      CREATE ROLE ${pg.escapeIdentifier(role)} NOLOGIN;
    END IF;
  EXCEPTION WHEN duplicate_object OR unique_violation OR insufficient_privilege THEN NULL;
  END $$`);
}

/**
 * Creates the apps' roles when missing, then makes their privileges in this database exactly
 * what `grants` says, in one transaction: the tables listed, the schemas holding them, the
 * sequences of their serial columns with `insert` (identity columns need none), nothing else.
 */
export async function applyGrants(
  client: pg.ClientBase,
  grants: TableGrants = TABLE_GRANTS,
): Promise<void> {
  for (const role of Object.values(APP_ROLES)) await ensureRole(client, role);
  const { rows: existing } = await client.query<{ rolname: string }>(
    "select rolname from pg_roles where rolname = any($1)",
    [Object.values(APP_ROLES)],
  );
  const roles = existing.map(({ rolname }) => rolname);
  if (roles.length === 0) return;

  const tables = Object.keys(grants).map(qualifiedName);
  const schemas = [...new Set(tables.map((table) => table.split(".")[0] as string))];
  const { rows: sequences } = await client.query<{ table: string; sequence: string }>(
    `select tn.nspname || '.' || t.relname as table, sn.nspname || '.' || s.relname as sequence
     from pg_depend d
     join pg_class s on s.oid = d.objid and s.relkind = 'S'
     join pg_namespace sn on sn.oid = s.relnamespace
     join pg_class t on t.oid = d.refobjid
     join pg_namespace tn on tn.oid = t.relnamespace
     where d.classid = 'pg_class'::regclass and d.refclassid = 'pg_class'::regclass
       and d.deptype = 'a' and tn.nspname || '.' || t.relname = any($1)`,
    [tables],
  );

  const inSchemas = schemas.map(sqlName).join(", ");
  const fromRoles = roles.map(sqlName).join(", ");
  const statements = new Set([
    `revoke all on all tables in schema ${inSchemas} from ${fromRoles}`,
    `revoke all on all sequences in schema ${inSchemas} from ${fromRoles}`,
  ]);
  for (const [table, byApp] of Object.entries(grants)) {
    const name = qualifiedName(table);
    for (const [app, grants] of Object.entries(byApp) as [App, Grant[]][]) {
      const role = sqlName(APP_ROLES[app]);
      if (!roles.includes(APP_ROLES[app]) || grants.length === 0) continue;
      statements.add(`grant usage on schema ${sqlName(name.split(".")[0] as string)} to ${role}`);
      // Revoking a table's privileges (above) revokes its column privileges too.
      const privileges = grants.map((grant) =>
        typeof grant === "string"
          ? grant
          : `select (${grant.select.map((column) => pg.escapeIdentifier(column)).join(", ")})`,
      );
      statements.add(`grant ${privileges.join(", ")} on table ${sqlName(name)} to ${role}`);
      if (!grants.includes("insert")) continue;
      for (const { sequence } of sequences.filter((s) => s.table === name)) {
        statements.add(`grant usage on sequence ${sqlName(sequence)} to ${role}`);
      }
    }
  }
  await client.query("begin");
  try {
    for (const statement of statements) await client.query(statement);
    await client.query("commit");
  } catch (error) {
    await client.query("rollback");
    throw error;
  }
}
