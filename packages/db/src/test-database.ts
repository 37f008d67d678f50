import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "./embedded";
import { LOCAL_DATA_DIR } from "./local-data";
import { migrate } from "./migrate";

export interface TestServer {
  /** URL of a maintenance database on the server. */
  url: string;
  stop(): Promise<void>;
}

/**
 * The PostgreSQL server for a test run: the one named by `TEST_DATABASE_URL` when set,
 * else a throw-away embedded cluster on a free port, deleted when stopped.
 */
export async function startTestServer(serverUrl?: string): Promise<TestServer> {
  if (serverUrl) return { url: serverUrl, stop: async () => {} };
  const dataDir = join(LOCAL_DATA_DIR, `test-pg-${process.pid}-${randomBytes(3).toString("hex")}`);
  const server: EmbeddedPostgres = await startEmbeddedPostgres({
    dataDir: join(dataDir, "pg"),
    port: 0,
  });
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Creates a fresh, migrated database on the server, so each test run is isolated. */
export async function createTestDatabase(
  serverUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `test_${Date.now()}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = withDatabase(serverUrl, name);
  await migrate(url);
  return {
    url,
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.end();
    },
  };
}
