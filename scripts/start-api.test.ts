import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "@todo/db/embedded";
import { REPO_ROOT } from "@todo/stack";
import pg from "pg";
import { afterAll, expect, it, vi } from "vitest";

const dataRoot = mkdtempSync(join(tmpdir(), "todo-start-api-"));
afterAll(() => rmSync(dataRoot, { recursive: true, force: true }));

it("npm run start:api runs its embedded database on EMBEDDED_PG_PORT, in EMBEDDED_PG_DATA_DIR, as npm start does", async () => {
  // Started by root, PostgreSQL runs as the `postgres` user, which must enter the folder.
  chmodSync(dataRoot, 0o755);
  const [apiPort, databasePort] = await Promise.all([freePort(), freePort()]);
  const child = spawn("npm", ["run", "start:api"], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      API_PORT: String(apiPort),
      EMBEDDED_PG_PORT: String(databasePort),
      EMBEDDED_PG_DATA_DIR: join(dataRoot, "pg"),
      BETTER_AUTH_SECRET: randomBytes(48).toString("base64"),
    },
    stdio: "ignore",
    detached: true,
  });
  const exited = once(child, "exit");
  try {
    await vi.waitFor(
      async () => expect((await fetch(`http://127.0.0.1:${apiPort}/readyz`)).status).toBe(200),
      { timeout: 120_000, interval: 250 },
    );
    const password = readFileSync(join(dataRoot, "pg-password"), "utf8").trim();
    const client = new pg.Client({
      connectionString: `postgres://postgres:${password}@127.0.0.1:${databasePort}/postgres`,
    });
    await client.connect();
    const { rows } = await client.query("select current_setting('data_directory') as dir");
    await client.end();
    expect(rows[0]?.dir).toBe(join(dataRoot, "pg"));
  } finally {
    process.kill(-(child.pid as number), "SIGINT");
    await exited;
  }
});
