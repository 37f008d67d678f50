import { createHmac, createSign, sign as edSign, generateKeyPairSync } from "node:crypto";
import type { Task } from "@todo/contract/task";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../src/app";
import {
  AUTH_URL,
  authHeader,
  newUserId,
  signToken,
  TEST_SECRET,
  taskPath,
  tasksPath,
  testApp,
  testUser,
} from "./helpers";

let app: App;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

function claims(sub: string, overrides: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return { sub, iat: now, exp: now + 900, iss: AUTH_URL, aud: AUTH_URL, ...overrides };
}

/** A compact JWS signed by hand, so any header or claim can be crafted. */
function hs(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  hash = "sha256",
  key = TEST_SECRET,
) {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${createHmac(hash, key).update(input).digest("base64url")}`;
}

function get(userId: string, authorization?: string) {
  return app.inject({
    url: tasksPath(userId),
    headers: authorization === undefined ? {} : { authorization },
  });
}

function expectUnauthorized(response: Awaited<ReturnType<typeof get>>, tokenSent: boolean) {
  expect(response.statusCode).toBe(401);
  expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
  expect(response.headers["www-authenticate"]).toBe(
    tokenSent ? 'Bearer realm="todo", error="invalid_token"' : 'Bearer realm="todo"',
  );
  expect(response.json()).toMatchObject({ status: 401, title: "Unauthorized" });
}

describe("bearer tokens (HS256 mode)", () => {
  const sub = newUserId();

  it("accepts a valid token, with the scheme word in any case", async () => {
    const token = await signToken(sub);
    expect((await get(sub, `Bearer ${token}`)).statusCode).toBe(200);
    expect((await get(sub, `bearer ${token}`)).statusCode).toBe(200);
    expect((await get(sub, `BEARER ${token}`)).statusCode).toBe(200);
  });

  it("accepts a token made the way a seed-style backend expects (plain HS256 with the secret)", async () => {
    // PyJWT's jwt.decode(token, BETTER_AUTH_SECRET, algorithms=["HS256"]) accepts exactly this.
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ email: "a@example.com", name: "A" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(sub)
      .setIssuedAt(now)
      .setExpirationTime(now + 900)
      .setIssuer(AUTH_URL)
      .setAudience(AUTH_URL)
      .sign(new TextEncoder().encode(TEST_SECRET));
    expect((await get(sub, `Bearer ${token}`)).statusCode).toBe(200);
    expect(
      (await get(sub, `Bearer ${hs({ alg: "HS256", typ: "JWT" }, claims(sub))}`)).statusCode,
    ).toBe(200);
  });

  it("accepts an audience list containing the origin, and nbf in the past", async () => {
    const token = hs(
      { alg: "HS256" },
      claims(sub, { aud: ["other", AUTH_URL], nbf: Math.floor(Date.now() / 1000) - 5 }),
    );
    expect((await get(sub, `Bearer ${token}`)).statusCode).toBe(200);
  });

  it("ignores kid and jku headers (there is one key)", async () => {
    const token = hs(
      { alg: "HS256", kid: "../../etc/passwd", jku: "http://127.0.0.1:1/jwks.json" },
      claims(sub),
    );
    expect((await get(sub, `Bearer ${token}`)).statusCode).toBe(200);
    const forged = hs(
      { alg: "HS256", kid: "attacker", jku: "http://127.0.0.1:1/jwks" },
      claims(sub),
      "sha256",
      "attacker-key-attacker-key-attacker-key",
    );
    expectUnauthorized(await get(sub, `Bearer ${forged}`), true);
  });

  it("accepts an iat within the 30 s clock tolerance and a lifetime of exactly 24 hours", async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const times of [
      { iat: now + 20, exp: now + 920 },
      { iat: now, exp: now + 24 * 60 * 60 },
    ]) {
      expect(
        (await get(sub, `Bearer ${hs({ alg: "HS256" }, claims(sub, times))}`)).statusCode,
      ).toBe(200);
    }
  });

  it("answers a missing or malformed header with a 401 without error=", async () => {
    expectUnauthorized(await get(sub), false);
  });

  const now = () => Math.floor(Date.now() / 1000);
  const DAY = 24 * 60 * 60;
  const TEN_YEARS = 3650 * DAY;
  const hostile: [string, () => string | Promise<string>][] = [
    ["an empty Authorization header", () => ""],
    ["another scheme", async () => `Basic ${await signToken(sub)}`],
    ["a bare token without scheme", () => signToken(sub)],
    ["Bearer without token", () => "Bearer "],
    ["garbage", () => "Bearer not.a.jwt"],
    ["alg none", () => `Bearer ${b64({ alg: "none" })}.${b64(claims(sub))}.`],
    ["alg None", () => `Bearer ${b64({ alg: "None" })}.${b64(claims(sub))}.`],
    ["alg NONE", () => `Bearer ${b64({ alg: "NONE" })}.${b64(claims(sub))}.`],
    ["alg nOnE with a signature", () => `Bearer ${hs({ alg: "nOnE" }, claims(sub))}`],
    ["HS384", () => `Bearer ${hs({ alg: "HS384" }, claims(sub), "sha384")}`],
    ["HS512", () => `Bearer ${hs({ alg: "HS512" }, claims(sub), "sha512")}`],
    [
      "RS256",
      () => {
        const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
        const input = `${b64({ alg: "RS256" })}.${b64(claims(sub))}`;
        return `Bearer ${input}.${createSign("RSA-SHA256").update(input).sign(privateKey, "base64url")}`;
      },
    ],
    [
      "EdDSA",
      () => {
        const { privateKey } = generateKeyPairSync("ed25519");
        const input = `${b64({ alg: "EdDSA" })}.${b64(claims(sub))}`;
        return `Bearer ${input}.${edSign(null, Buffer.from(input), privateKey).toString("base64url")}`;
      },
    ],
    [
      "RS256 header with an HMAC signature (key confusion)",
      () => `Bearer ${hs({ alg: "RS256" }, claims(sub))}`,
    ],
    [
      "the wrong key",
      async () =>
        `Bearer ${await signToken(sub, { secret: "another-secret-another-secret-12345" })}`,
    ],
    [
      "a stripped signature",
      async () => `Bearer ${(await signToken(sub)).split(".").slice(0, 2).join(".")}.`,
    ],
    [
      "no signature part",
      async () => `Bearer ${(await signToken(sub)).split(".").slice(0, 2).join(".")}`,
    ],
    [
      "a tampered payload",
      async () => {
        const [header, , signature] = (await signToken(sub)).split(".");
        return `Bearer ${header}.${b64(claims("someone-else"))}.${signature}`;
      },
    ],
    [
      "an expired token",
      () => `Bearer ${hs({ alg: "HS256" }, claims(sub, { iat: now() - 3600, exp: now() - 60 }))}`,
    ],
    ["a future nbf", () => `Bearer ${hs({ alg: "HS256" }, claims(sub, { nbf: now() + 300 }))}`],
    [
      "an iat ten years ahead",
      () =>
        `Bearer ${hs({ alg: "HS256" }, claims(sub, { iat: now() + TEN_YEARS, exp: now() + TEN_YEARS + 900 }))}`,
    ],
    ["an iat 60 s ahead", () => `Bearer ${hs({ alg: "HS256" }, claims(sub, { iat: now() + 60 }))}`],
    [
      "an exp ten years out",
      () => `Bearer ${hs({ alg: "HS256" }, claims(sub, { exp: now() + TEN_YEARS }))}`,
    ],
    [
      "a lifetime of 24 hours and a second",
      () => {
        const iat = now();
        return `Bearer ${hs({ alg: "HS256" }, claims(sub, { iat, exp: iat + DAY + 1 }))}`;
      },
    ],
    ["a missing exp", () => `Bearer ${hs({ alg: "HS256" }, claims(sub, { exp: undefined }))}`],
    ["a missing iat", () => `Bearer ${hs({ alg: "HS256" }, claims(sub, { iat: undefined }))}`],
    ["a missing sub", () => `Bearer ${hs({ alg: "HS256" }, claims(sub, { sub: undefined }))}`],
    ["an empty sub", () => `Bearer ${hs({ alg: "HS256" }, claims(sub, { sub: "" }))}`],
    ["a numeric sub", () => `Bearer ${hs({ alg: "HS256" }, claims(sub, { sub: 42 }))}`],
    [
      "a sub over 255 characters",
      () => `Bearer ${hs({ alg: "HS256" }, claims(sub, { sub: "s".repeat(256) }))}`,
    ],
    [
      "a string exp",
      () => `Bearer ${hs({ alg: "HS256" }, claims(sub, { exp: String(now() + 900) }))}`,
    ],
    ["a string iat", () => `Bearer ${hs({ alg: "HS256" }, claims(sub, { iat: String(now()) }))}`],
    [
      "a wrong iss",
      () => `Bearer ${hs({ alg: "HS256" }, claims(sub, { iss: "http://evil.example" }))}`,
    ],
    ["a missing iss", () => `Bearer ${hs({ alg: "HS256" }, claims(sub, { iss: undefined }))}`],
    [
      "a wrong aud",
      () => `Bearer ${hs({ alg: "HS256" }, claims(sub, { aud: "http://evil.example" }))}`,
    ],
    ["a missing aud", () => `Bearer ${hs({ alg: "HS256" }, claims(sub, { aud: undefined }))}`],
    [
      "a token over 8 KiB",
      () => `Bearer ${hs({ alg: "HS256" }, claims(sub, { pad: "p".repeat(8200) }))}`,
    ],
    ["an unknown crit header", () => `Bearer ${hs({ alg: "HS256", crit: ["exp"] }, claims(sub))}`],
  ];

  it.each(hostile)("refuses %s with a 401", async (_name, make) => {
    const header = await make();
    expectUnauthorized(await get(sub, header), header !== undefined);
  });

  it("never reads a token from the query string or a cookie", async () => {
    const token = await signToken(sub);
    const byQuery = await app.inject({ url: `${tasksPath(sub)}?access_token=${token}` });
    expectUnauthorized(byQuery, false);
    const byCookie = await app.inject({
      url: tasksPath(sub),
      headers: { cookie: `token=${token}` },
    });
    expectUnauthorized(byCookie, false);
  });

  it("checks 401, then 403, before the body, query and path", async () => {
    const other = newUserId();
    const garbage = { "content-type": "application/json" };
    const bad = await app.inject({
      method: "POST",
      url: tasksPath(sub),
      headers: garbage,
      payload: "{nope",
    });
    expectUnauthorized(bad, false);
    const forbidden = await app.inject({
      method: "POST",
      url: tasksPath(other),
      headers: { ...(await authHeader(sub)), ...garbage },
      payload: "{nope",
    });
    expect(forbidden.statusCode).toBe(403);
    const wrongType = await app.inject({
      method: "POST",
      url: tasksPath(other),
      headers: { ...(await authHeader(sub)), "content-type": "text/plain" },
      payload: "x",
    });
    expect(wrongType.statusCode).toBe(403);
    const badQuery = await app.inject({
      url: `${tasksPath(other)}?limit=0`,
      headers: await authHeader(sub),
    });
    expect(badQuery.statusCode).toBe(403);
    const badId = await app.inject({ url: taskPath(other, "abc") });
    expect(badId.statusCode).toBe(401);
    const ownBadId = await app.inject({
      url: taskPath(sub, "abc"),
      headers: await authHeader(sub),
    });
    expect(ownBadId.statusCode).toBe(422);
  });
});

describe("user isolation", () => {
  it("keeps user B away from user A's tasks, and A's tasks unchanged", async () => {
    const userA = newUserId();
    const userB = newUserId();
    const asA = await authHeader(userA);
    const asB = await authHeader(userB);
    const created = await app.inject({
      method: "POST",
      url: tasksPath(userA),
      headers: asA,
      payload: { title: "A's secret", tags: ["private"] },
    });
    const task = created.json<Task>();
    const before = (await app.inject({ url: tasksPath(userA), headers: asA })).body;

    // B on A's path: 403 on every route.
    const onAPath = [
      { method: "GET" as const, url: tasksPath(userA) },
      { method: "POST" as const, url: tasksPath(userA), payload: { title: "x" } },
      { method: "GET" as const, url: taskPath(userA, task.id) },
      { method: "PUT" as const, url: taskPath(userA, task.id), payload: { title: "pwned" } },
      { method: "DELETE" as const, url: taskPath(userA, task.id) },
      { method: "PATCH" as const, url: `${taskPath(userA, task.id)}/complete` },
    ];
    for (const request of onAPath) {
      const response = await app.inject({ ...request, headers: asB });
      expect(response.statusCode, `${request.method} ${request.url}`).toBe(403);
      expect(response.json()).toMatchObject({ status: 403 });
    }

    // B on B's own path with A's id: 404, as if the task did not exist.
    const onBPath = [
      { method: "GET" as const, url: taskPath(userB, task.id) },
      { method: "PUT" as const, url: taskPath(userB, task.id), payload: { title: "pwned" } },
      { method: "DELETE" as const, url: taskPath(userB, task.id) },
      { method: "PATCH" as const, url: `${taskPath(userB, task.id)}/complete` },
      {
        method: "PUT" as const,
        url: taskPath(userB, task.id),
        payload: { title: "x" },
        headers: { "if-match": "*" },
      },
    ];
    for (const { headers, ...request } of onBPath) {
      const response = await app.inject({ ...request, headers: { ...asB, ...headers } });
      expect(response.statusCode, `${request.method} ${request.url}`).toBe(404);
    }
    const bList = await app.inject({ url: tasksPath(userB), headers: asB });
    expect(bList.json()).toEqual({ items: [], total: 0, next_cursor: null });

    const after = (await app.inject({ url: tasksPath(userA), headers: asA })).body;
    expect(after).toBe(before);
  });

  it("does not let a body choose the owner", async () => {
    const { postTask } = await testUser(app);
    const response = await postTask({ title: "x", user_id: "someone-else" });
    expect(response.statusCode).toBe(422);
  });

  it("handles user ids that need URL encoding", async () => {
    const userId = `weird id/é ${Date.now()}`;
    const { headers, postTask } = await testUser(app, userId);
    const created = await postTask({ title: "x" });
    expect(created.statusCode).toBe(201);
    expect(created.headers.location).toBe(
      `/api/${encodeURIComponent(userId)}/tasks/${created.json<Task>().id}`,
    );
    expect(
      (await app.inject({ url: created.headers.location as string, headers })).statusCode,
    ).toBe(200);
  });
});
