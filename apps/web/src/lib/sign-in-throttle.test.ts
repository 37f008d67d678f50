import { randomBytes } from "node:crypto";
import { createTestDatabase, startTestServer, type TestServer } from "@todo/db/test-database";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailDigest } from "./audit";
import { getPool } from "./db";
import {
  claimSignInAttempt,
  clearSignInThrottle,
  FIRST_WAIT_SECONDS,
  FREE_ATTEMPTS,
} from "./sign-in-throttle";

let server: TestServer;
let database: { url: string; drop(): Promise<void> };
let admin: pg.Client;

beforeAll(async () => {
  server = await startTestServer(process.env.TEST_DATABASE_URL);
  database = await createTestDatabase(server.url);
  // The throttle reads its database and key through the app's configuration, read on first use.
  process.env.DATABASE_URL = database.url;
  process.env.BETTER_AUTH_SECRET = randomBytes(32).toString("hex");
  admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
}, 120_000);

afterAll(async () => {
  await admin?.end();
  await getPool().end();
  await database?.drop();
  await server?.stop();
}, 60_000);

const newEmail = () => `throttle-${randomBytes(4).toString("hex")}@example.test`;

async function claims(email: string, count: number): Promise<Array<number | undefined>> {
  const waits: Array<number | undefined> = [];
  for (let i = 0; i < count; i++) waits.push(await claimSignInAttempt(email));
  return waits;
}

/** Moves the account's block into the past, as if its wait had passed. */
async function endWait(email: string): Promise<void> {
  await admin.query(
    "update sign_in_throttle set blocked_until = now() - interval '1 second' where email_digest = $1",
    [emailDigest(email)],
  );
}

describe("claimSignInAttempt", () => {
  it(`lets ${FREE_ATTEMPTS} attempts through, then asks to wait`, async () => {
    const email = newEmail();
    const waits = await claims(email, FREE_ATTEMPTS + 2);
    expect(waits.slice(0, FREE_ATTEMPTS)).toEqual(Array(FREE_ATTEMPTS).fill(undefined));
    for (const wait of waits.slice(FREE_ATTEMPTS)) {
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(FIRST_WAIT_SECONDS);
    }
  });

  it("counts parallel attempts exactly", async () => {
    const email = newEmail();
    const waits = await Promise.all(Array.from({ length: 20 }, () => claimSignInAttempt(email)));
    expect(waits.filter((wait) => wait === undefined)).toHaveLength(FREE_ATTEMPTS);
  });

  it("doubles the wait with each attempt after the wait", async () => {
    const email = newEmail();
    await claims(email, FREE_ATTEMPTS);
    await endWait(email);
    expect(await claimSignInAttempt(email)).toBeUndefined();
    const wait = await claimSignInAttempt(email);
    expect(wait).toBeGreaterThan(FIRST_WAIT_SECONDS);
    expect(wait).toBeLessThanOrEqual(2 * FIRST_WAIT_SECONDS);
  });

  it("counts one account whatever the case of its email, stored only as a keyed hash", async () => {
    const email = newEmail();
    await claims(email.toUpperCase(), FREE_ATTEMPTS);
    expect(await claimSignInAttempt(email)).toBeGreaterThan(0);
    const { rows } = await admin.query<{ email_digest: string }>(
      "select email_digest from sign_in_throttle",
    );
    for (const { email_digest } of rows) expect(email_digest).not.toContain("@");
  });

  it("starts counting again after a day without attempts", async () => {
    const email = newEmail();
    await claims(email, FREE_ATTEMPTS);
    await admin.query(
      "update sign_in_throttle set updated_at = now() - interval '25 hours', blocked_until = null where email_digest = $1",
      [emailDigest(email)],
    );
    expect(await claims(email, FREE_ATTEMPTS)).toEqual(Array(FREE_ATTEMPTS).fill(undefined));
  });
});

describe("clearSignInThrottle", () => {
  it("lifts the wait of a throttled account at once (password reset, successful sign-in)", async () => {
    const email = newEmail();
    await claims(email, FREE_ATTEMPTS);
    expect(await claimSignInAttempt(email)).toBeGreaterThan(0);
    await clearSignInThrottle(email.toUpperCase());
    expect(await claims(email, FREE_ATTEMPTS)).toEqual(Array(FREE_ATTEMPTS).fill(undefined));
  });

  it("leaves other accounts throttled", async () => {
    const [throttled, other] = [newEmail(), newEmail()];
    await claims(throttled, FREE_ATTEMPTS);
    await clearSignInThrottle(other);
    expect(await claimSignInAttempt(throttled)).toBeGreaterThan(0);
  });
});
