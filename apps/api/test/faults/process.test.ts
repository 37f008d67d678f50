import { request } from "node:http";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { tasksPath } from "../helpers";
import { type ApiProcess, kill, startApi } from "../support/api-process";
import { type LoadResult, loadTitle, startLoadOfNewUser, waitUntil } from "../support/create-load";
import { errorCode, freshRequest } from "../support/fresh-request";

const direct = new pg.Pool({ connectionString: inject("databaseUrl"), max: 2 });
afterAll(() => direct.end());

/** Every acknowledged create is in the database exactly once, under its own title. */
async function expectStoredOnce(userId: string, { acknowledged }: LoadResult) {
  const { rows } = await direct.query<{ id: string; title: string }>(
    "select id, title from tasks where user_id = $1",
    [userId],
  );
  const stored = new Map<string, number[]>();
  for (const row of rows) stored.set(row.title, [...(stored.get(row.title) ?? []), Number(row.id)]);
  for (const [key, id] of acknowledged) expect(stored.get(loadTitle(key))).toEqual([id]);
}

/** A create whose body is still being sent, held open on its own connection. */
function slowCreate(api: ApiProcess, userId: string, authorization: string) {
  let status = 0;
  let body = "";
  const outgoing = request(new URL(tasksPath(userId), api.origin), {
    method: "POST",
    agent: false,
    headers: { authorization, "content-type": "application/json" },
  });
  const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
    outgoing.on("error", reject);
    outgoing.on("response", (response) => {
      status = response.statusCode ?? 0;
      response.setEncoding("utf8");
      response.on("data", (chunk) => {
        body += chunk;
      });
      response.on("end", () => resolve({ status, body }));
    });
  });
  // Resolves once connected and the headers and half of the body are handed to the kernel.
  const sent = new Promise<void>((resolve) => outgoing.write('{"title":', () => resolve()));
  return { answered, sent, finish: () => outgoing.end('"finished after SIGTERM"}') };
}

/** A fresh connection's create: its status, or the network error's code. */
async function freshCreate(api: ApiProcess, userId: string, authorization: string) {
  try {
    const response = await freshRequest(new URL(tasksPath(userId), api.origin), {
      method: "POST",
      headers: { authorization, "content-type": "application/json" },
      body: JSON.stringify({ title: "after SIGTERM" }),
    });
    return String(response.status);
  } catch (error) {
    return errorCode(error);
  }
}

describe("the API process under load", () => {
  let api: ApiProcess | undefined;
  afterAll(() => kill(api));

  it("on SIGTERM finishes requests in flight, refuses new ones, and exits 0", async () => {
    api = await startApi({ DATABASE_URL: inject("databaseUrl") });
    const { userId, authorization, load } = await startLoadOfNewUser(api.origin, false);
    await waitUntil(() => load.acknowledged.size >= 20, 30_000, "creates before SIGTERM");

    const inFlight = slowCreate(api, userId, authorization);
    await inFlight.sent;
    // A full round trip on a later connection: the server has read the slow request's headers.
    // Not fetch: it would reuse its keep-alive connection from `/readyz`, which proves nothing,
    // and an unread connection is idle, so closing resets it (ECONNRESET).
    expect((await freshRequest(new URL("/healthz", api.origin))).status).toBe(200);
    api.child.kill("SIGTERM");

    // While the slow request is still open, new connections are refused (or answered 503).
    let outcome = "";
    await waitUntil(
      async () => {
        outcome = await freshCreate(api as ApiProcess, userId, authorization);
        return outcome === "ECONNREFUSED" || outcome === "503";
      },
      10_000,
      "new requests to be refused",
    );
    inFlight.finish();
    const answered = await inFlight.answered;
    expect(answered.status).toBe(201);
    expect(JSON.parse(answered.body)).toMatchObject({ title: "finished after SIGTERM" });

    const { code } = await api.exited;
    expect(code).toBe(0);
    const result = await load.stop();
    // Only 201, 503 while closing, or a connection the server no longer accepted.
    const statuses = new Set(result.attempts.flatMap((a) => (a.status === null ? [] : [a.status])));
    expect([...statuses].filter((status) => status !== 201 && status !== 503)).toEqual([]);
    await expectStoredOnce(userId, result);
  });

  it("after kill -9 every acknowledged create is in the database", async () => {
    api = await startApi({ DATABASE_URL: inject("databaseUrl") });
    const { userId, load } = await startLoadOfNewUser(api.origin, false);
    await waitUntil(() => load.acknowledged.size >= 30, 30_000, "creates before the kill");

    api.child.kill("SIGKILL");
    const { signal } = await api.exited;
    expect(signal).toBe("SIGKILL");
    const result = await load.stop();

    expect(result.acknowledged.size).toBeGreaterThanOrEqual(30);
    await expectStoredOnce(userId, result);
  });
});
