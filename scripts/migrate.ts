/**
 * `npm run db:migrate`: applies the migrations and the apps' privileges as the database owner
 * (MIGRATION_DATABASE_URL, else DATABASE_URL). Run as a release step, it lets every app process
 * hold only its own role's URL.
 */
import { migrate } from "@todo/db/migrate";
import { migrationUrl } from "./lib/env";

const url = migrationUrl();
if (!url) {
  console.error("db:migrate: set MIGRATION_DATABASE_URL to the database owner's URL");
  process.exit(1);
}
try {
  await migrate(url);
  console.log("db:migrate: the database is up to date");
} catch (error) {
  console.error(`db:migrate: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
