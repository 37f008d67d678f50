import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabase, startTestServer } from "@todo/db/test-database";
import { ensureWebBuild, logger } from "@todo/stack";
import { LOG_DIR, startStack } from "./support/servers";

/**
 * One throw-away PostgreSQL database, a mail outbox folder, a production build of the web app
 * (reused when the sources are unchanged) and one API + web app pair on free ports. Specs read the addresses from the
 * E2E_* variables set here (Playwright passes them on to its workers). Returns the teardown.
 */
export default async function globalSetup() {
  const log = logger("test");
  rmSync(LOG_DIR, { recursive: true, force: true });
  const server = await startTestServer(process.env.TEST_DATABASE_URL);
  const mailOutboxDir = mkdtempSync(join(tmpdir(), "todo-e2e-mail-"));
  const stops: Array<() => Promise<void>> = [
    async () => rmSync(mailOutboxDir, { recursive: true, force: true }),
    server.stop,
  ];
  const teardown = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
  };
  try {
    const database = await createTestDatabase(server.url);
    stops.push(database.drop);
    await ensureWebBuild(log);
    // Each app as its own database role, as in production: a missing grant fails the tests.
    const settings = {
      databaseUrls: database.roleUrls,
      secret: randomBytes(36).toString("base64url"),
      mailOutboxDir,
    };
    const stack = await startStack(settings, { name: "main" });
    stops.push(stack.stop);
    process.env.E2E_WEB_URL = stack.webUrl;
    process.env.E2E_API_URL = stack.apiUrl;
    process.env.E2E_API_DATABASE_URL = settings.databaseUrls.api;
    process.env.E2E_WEB_DATABASE_URL = settings.databaseUrls.web;
    process.env.E2E_SECRET = settings.secret;
    process.env.E2E_MAIL_OUTBOX_DIR = mailOutboxDir;
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
