import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { type EmbeddedPostgres, startEmbeddedPostgres, withLogin } from "./embedded";
import { LOCAL_DATA_DIR } from "./local-data";
import { migrate } from "./migrate";
import { APP_ROLES, type App } from "./roles";

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

export interface TestDatabase {
  /** As the server's administrator, who migrated it: for set-up and inspection. */
  url: string;
  /** As a login of each app's role, as the apps connect in production: a missing grant fails. */
  roleUrls: Record<App, string>;
  drop(): Promise<void>;
}

/**
 * Creates a fresh, migrated database on the server, so each test run is isolated, and a login
 * role per app for this run that is a member of the app's role (roles are cluster-wide, so runs
 * sharing a server must not change each other's passwords).
 */
export async function createTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `test_${Date.now()}_${randomBytes(4).toString("hex")}`;
  const logins = { api: `${name}_api`, web: `${name}_web` } satisfies Record<App, string>;
  const admin = async (run: (client: pg.Client) => Promise<void>) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await run(client);
    } finally {
      await client.end();
    }
  };
  await admin((client) => client.query(`create database "${name}"`).then(() => {}));
  const url = withDatabase(serverUrl, name);
  await migrate(url);
  const roleUrls = {} as Record<App, string>;
  await admin(async (client) => {
    for (const app of Object.keys(logins) as App[]) {
      const password = randomBytes(24).toString("base64url");
      await client.query(
        `create role "${logins[app]}" login password '${password}' in role ${APP_ROLES[app]}`,
      );
      roleUrls[app] = withLogin(url, logins[app], password);
    }
  });
  return {
    url,
    roleUrls,
    drop: () =>
      admin(async (client) => {
        await client.query(`drop database if exists "${name}" with (force)`);
        await client.query(`drop role if exists "${logins.api}", "${logins.web}"`);
      }),
  };
}
