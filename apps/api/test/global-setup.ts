import { createTestDatabase, startTestServer } from "@todo/db/test-database";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The database as the API's role, as the API connects in production. */
    databaseUrl: string;
    /** The same database as its owner, who migrates: for tests that set up or migrate. */
    ownerDatabaseUrl: string;
    /** The same database as the web app's role: for tests that act as the web app (sessions). */
    webDatabaseUrl: string;
  }
}

/** One PostgreSQL for the run (embedded unless TEST_DATABASE_URL is set), one fresh database. */
export default async function setup(project: TestProject) {
  const server = await startTestServer(process.env.TEST_DATABASE_URL);
  const database = await createTestDatabase(server.url);
  project.provide("databaseUrl", database.roleUrls.api);
  project.provide("ownerDatabaseUrl", database.url);
  project.provide("webDatabaseUrl", database.roleUrls.web);
  return async () => {
    await database.drop();
    await server.stop();
  };
}
