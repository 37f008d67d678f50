import { fileURLToPath } from "node:url";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate as applyMigrations } from "drizzle-orm/node-postgres/migrator";
import { Logger, runMigrations as migrateJobQueue } from "graphile-worker";
import pg from "pg";
import { applyGrants } from "./roles";

const MIGRATIONS_FOLDER = fileURLToPath(new URL("../drizzle", import.meta.url));
/** Arbitrary constant shared by every process that migrates this database. */
const MIGRATION_LOCK_ID = 7_042_001;

/**
 * Applies pending migrations (graphile-worker's own schema, the job queue, first: ours call its
 * functions), then the apps' roles and privileges (roles.ts). Processes that
 * start together serialise on a PostgreSQL advisory lock, so the schema is migrated exactly
 * once. A connection that may not change the schema (an app's own role) only checks that no
 * migration is pending, and fails naming what to do if one is.
 */
export async function migrate(connectionString: string): Promise<void> {
  const client = new pg.Client({ connectionString, application_name: "todo-migrate" });
  await client.connect();
  try {
    const { rows } = await client.query<{ owner: boolean }>(
      "select has_database_privilege(current_database(), 'CREATE') as owner",
    );
    if (!rows[0]?.owner) return await assertMigrated(client);
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
    const queuePool = new pg.Pool({ connectionString, max: 1, application_name: "todo-migrate" });
    // Errors reach the awaited migration; graphile-worker warns about a pool without handlers.
    queuePool.on("error", () => {});
    queuePool.on("connect", (queueClient) => queueClient.on("error", () => {}));
    try {
      await migrateJobQueue({ pgPool: queuePool, logger: SILENT });
    } finally {
      await queuePool.end();
    }
    await applyMigrations(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
    await applyGrants(client);
  } finally {
    // Ending the session releases the advisory lock too.
    await client.end();
  }
}

/** graphile-worker logs each migration it applies; ours are not logged either. */
const SILENT = new Logger(() => () => {});

async function assertMigrated(client: pg.Client): Promise<void> {
  let last = 0;
  try {
    const { rows } = await client.query<{ last: string | null }>(
      "select max(created_at) as last from drizzle.__drizzle_migrations",
    );
    last = Number(rows[0]?.last ?? 0);
  } catch (error) {
    // undefined_table: a database never migrated.
    if ((error as { code?: string }).code !== "42P01") throw error;
  }
  // The rule of drizzle's migrator: a migration newer than the last one applied is pending.
  const pending = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).filter(
    (migration) => migration.folderMillis > last,
  ).length;
  if (pending > 0) {
    throw new Error(
      `the database has ${pending} pending migration(s) and this role may not apply them: ` +
        "run them as the database owner (MIGRATION_DATABASE_URL, or npm run db:migrate)",
    );
  }
}
