import { REVOCATION_RETENTION_SECONDS } from "@todo/db/schema";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import type { App } from "../src/app";
import { Revocations } from "../src/auth/revocations";
import { expectProblem, signToken, tasksPath, testApp } from "./helpers";
import { bearerFor, cutOff, endSessions, userWithSessions } from "./support/sessions";

const INVALID_TOKEN = 'Bearer realm="todo", error="invalid_token"';
/** Far above the contract's 2 s: the condition is what is tested; the benchmark measures time. */
const PROPAGATION_TIMEOUT_MS = 10_000;

let app: App;
// As the web app, which owns users and sessions and writes the revocations.
const db = new pg.Pool({ connectionString: inject("webDatabaseUrl"), max: 2 });
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app.close();
  await db.end();
});

const list = (userId: string, headers: { authorization: string }) =>
  app.inject({ url: tasksPath(userId), headers });

async function expectRefused(userId: string, headers: { authorization: string }) {
  const response = await list(userId, headers);
  expectProblem(response, 401);
  expect(response.headers["www-authenticate"]).toBe(INVALID_TOKEN);
}

const waitForRefusal = (userId: string, headers: { authorization: string }) =>
  vi.waitFor(() => expectRefused(userId, headers), {
    timeout: PROPAGATION_TIMEOUT_MS,
    interval: 20,
  });

const status = async (userId: string, headers: { authorization: string }) =>
  (await list(userId, headers)).statusCode;

describe("revocation (docs/api.md, Ended sessions)", () => {
  it("refuses the tokens of an ended session, and only those", async () => {
    const { userId, sessionIds } = await userWithSessions(db, 2);
    const [ended, other] = sessionIds as [string, string];
    const endedToken = await bearerFor(userId, ended);
    const otherToken = await bearerFor(userId, other);
    const withoutSid = await bearerFor(userId);
    for (const headers of [endedToken, otherToken, withoutSid]) {
      expect(await status(userId, headers)).toBe(200);
    }

    await endSessions(db, ended);
    await waitForRefusal(userId, endedToken);
    expect(await status(userId, otherToken)).toBe(200);
    // A token without `sid` names no session: only a user-wide cutoff refuses it.
    expect(await status(userId, withoutSid)).toBe(200);
  });

  it("refuses every token of the user issued at or before a cutoff, sid or not, and accepts later ones", async () => {
    const { userId, sessionIds } = await userWithSessions(db, 1);
    const sid = sessionIds[0] as string;
    const bystander = await userWithSessions(db, 1);
    const cutoffSecond = Math.floor(Date.now() / 1000) - 60;
    const tokens = {
      before: await bearerFor(userId, sid, cutoffSecond - 5),
      beforeWithoutSid: await bearerFor(userId, undefined, cutoffSecond - 5),
      // `iat` counts whole seconds: issued in the cutoff's second is "at" the cutoff.
      sameSecond: await bearerFor(userId, undefined, cutoffSecond),
      after: await bearerFor(userId, sid, cutoffSecond + 1),
      afterWithoutSid: await bearerFor(userId, undefined, cutoffSecond + 1),
      bystander: await bearerFor(bystander.userId, undefined, cutoffSecond - 5),
    };
    for (const headers of [tokens.before, tokens.sameSecond, tokens.afterWithoutSid]) {
      expect(await status(userId, headers)).toBe(200);
    }

    await cutOff(db, userId, new Date(cutoffSecond * 1000 + 500));
    await waitForRefusal(userId, tokens.before);
    await expectRefused(userId, tokens.beforeWithoutSid);
    await expectRefused(userId, tokens.sameSecond);
    expect(await status(userId, tokens.after)).toBe(200);
    expect(await status(userId, tokens.afterWithoutSid)).toBe(200);
    expect(await status(bystander.userId, tokens.bystander)).toBe(200);
  });

  it("keeps the latest cutoff when an earlier one arrives after it", async () => {
    const { userId } = await userWithSessions(db, 0);
    const now = Math.floor(Date.now() / 1000);
    const token = await bearerFor(userId, undefined, now - 30);
    await cutOff(db, userId, new Date((now - 20) * 1000));
    await waitForRefusal(userId, token);
    await cutOff(db, userId, new Date((now - 40) * 1000));
    const probe = await userWithSessions(db, 1);
    const probeToken = await bearerFor(probe.userId, probe.sessionIds[0]);
    await endSessions(db, ...probe.sessionIds);
    // Notifications arrive in commit order: once the later probe is applied, so is the cutoff.
    await waitForRefusal(probe.userId, probeToken);
    await expectRefused(userId, token);
  });

  it("ends every session and refuses earlier tokens when the user is deleted", async () => {
    const { userId, sessionIds } = await userWithSessions(db, 2);
    const now = Math.floor(Date.now() / 1000);
    const withSid = await bearerFor(userId, sessionIds[0]);
    const withoutSid = await bearerFor(userId, undefined, now - 1);
    expect(await status(userId, withoutSid)).toBe(200);

    await db.query(`delete from "user" where id = $1`, [userId]);
    await waitForRefusal(userId, withSid);
    await waitForRefusal(userId, withoutSid);
    const { rows } = await db.query(
      "select session_id from revocations where user_id = $1 order by session_id nulls first",
      [userId],
    );
    expect(rows.map((row) => row.session_id)).toEqual([null, ...[...sessionIds].sort()]);
  });

  it("refuses a token whose sid is not a non-empty string", async () => {
    const { userId } = await userWithSessions(db, 0);
    for (const sid of [123, "", null, ["a"], "x".repeat(256)]) {
      const token = await signToken(userId, { claims: { sid } });
      await expectRefused(userId, { authorization: `Bearer ${token}` });
    }
  });

  it("sweeps stored revocations older than the retention whenever one is written", async () => {
    const { userId } = await userWithSessions(db, 0);
    const retention = `${REVOCATION_RETENTION_SECONDS} seconds`;
    await cutOff(db, userId, new Date());
    await cutOff(db, userId, new Date());
    // Aged by hand, as the owner (no app updates revocations, and an update notifies nobody):
    // one just past the retention, one just within.
    const owner = new pg.Client({ connectionString: inject("ownerDatabaseUrl") });
    await owner.connect();
    await owner.query(
      `update revocations set revoked_at = now() - $2::interval + case
         when id = (select min(id) from revocations where user_id = $1)
         then interval '-1 minute' else interval '1 minute' end
       where user_id = $1`,
      [userId, retention],
    );
    await owner.end();
    const other = await userWithSessions(db, 1);
    await endSessions(db, ...other.sessionIds);
    const { rows } = await db.query<{ revoked_at: Date }>(
      "select revoked_at from revocations where user_id = $1",
      [userId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.revoked_at.getTime()).toBeGreaterThan(
      Date.now() - REVOCATION_RETENTION_SECONDS * 1000,
    );
  });
});

describe("the in-memory revocations", () => {
  const at = Date.UTC(2026, 11, 2, 12, 0, 0);
  const retentionMs = REVOCATION_RETENTION_SECONDS * 1000;
  const iat = at / 1000 - 1;

  it("refuses every ended session and no other, as its table grows and after a sweep", () => {
    const revocations = new Revocations();
    const ended = Array.from({ length: 5000 }, (_, n) => `ended-${n}`);
    const live = Array.from({ length: 5000 }, (_, n) => `live-${n}`);
    for (const [n, sid] of ended.entries()) {
      revocations.add({ userId: "u", sessionId: sid, revokedAt: at + (n % 2) * 120_000 });
    }
    const refused = (sids: string[]) =>
      sids.filter((sid) => revocations.refuses({ sub: "u", sid, iat }));
    expect(refused(ended)).toEqual(ended);
    expect(refused(live)).toEqual([]);

    revocations.sweep(at + retentionMs + 60_000);
    expect(refused(ended)).toEqual(ended.filter((_, n) => n % 2 === 1));
    expect(refused(live)).toEqual([]);
  });

  it("forgets only what is older than the retention", () => {
    const revocations = new Revocations();
    revocations.add({ userId: "u1", sessionId: "old", revokedAt: at });
    revocations.add({ userId: "u1", sessionId: "recent", revokedAt: at + 120_000 });
    revocations.add({ userId: "u2", sessionId: null, revokedAt: at });
    revocations.add({ userId: "u3", sessionId: null, revokedAt: at + 120_000 });

    revocations.sweep(at + retentionMs);
    expect(revocations.size).toBe(4);
    revocations.sweep(at + retentionMs + 60_000);
    expect(revocations.size).toBe(2);
    expect(revocations.refuses({ sub: "u1", sid: "old", iat })).toBe(false);
    expect(revocations.refuses({ sub: "u1", sid: "recent", iat })).toBe(true);
    expect(revocations.refuses({ sub: "u2", iat })).toBe(false);
    expect(revocations.refuses({ sub: "u3", iat })).toBe(true);
  });
});
