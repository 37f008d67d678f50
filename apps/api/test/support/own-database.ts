import { createTestDatabase, type TestDatabase } from "@todo/db/test-database";
import pg from "pg";
import { inject } from "vitest";
import { type ApiProcess, kill, startApi } from "./api-process";

/** A database of a test file's own, with real API processes on it. */
export interface OwnDatabase {
  database: TestDatabase;
  /** As the administrator: for set-up and inspection. */
  owner: pg.Pool;
  /** Starts `count` API processes on the database as the api role (with `env` added). */
  startApis(count: number, env?: Record<string, string>): Promise<ApiProcess[]>;
  /** Kills every API process started so far. */
  killApis(): Promise<void>;
  /** Kills the processes, ends the pool and drops the database. */
  cleanup(): Promise<void>;
}

/**
 * For tests whose job-queue workers must not meet another test file's (they would take each
 * other's jobs), or that need a moment when no worker runs at all. Use in `beforeAll`, returning
 * `cleanup` as its teardown.
 */
export async function ownDatabase(): Promise<OwnDatabase> {
  const database = await createTestDatabase(inject("ownerDatabaseUrl"));
  const owner = new pg.Pool({ connectionString: database.url, max: 2 });
  // Dropping the database ends its idle connections from the server's side.
  owner.on("error", () => {});
  let apis: ApiProcess[] = [];
  const killApis = async () => {
    const running = apis;
    apis = [];
    await Promise.all(running.map(kill));
  };
  return {
    database,
    owner,
    async startApis(count, env = {}) {
      const started = await Promise.all(
        Array.from({ length: count }, () =>
          startApi({ DATABASE_URL: database.roleUrls.api, ...env }),
        ),
      );
      apis.push(...started);
      return started;
    },
    killApis,
    async cleanup() {
      await killApis();
      await owner.end();
      await database.drop();
    },
  };
}
