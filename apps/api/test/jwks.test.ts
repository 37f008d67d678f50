import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import type { App } from "../src/app";
import { AUTH_URL, newUserId, signToken, tasksPath, testApp } from "./helpers";
import { kill, startApi } from "./support/api-process";

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

/** A stand-in for the web app's /api/auth/jwks, served by this test. */
class JwksServer {
  keys: JWK[] = [];
  hits = 0;
  up = true;
  #server: Server = createServer((request, response) => {
    this.hits++;
    if (!this.up) {
      request.socket.destroy();
      return;
    }
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ keys: this.keys }));
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/api/auth/jwks`;
  }

  stop(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

async function edToken(
  pair: KeyPair,
  kid: string,
  sub: string,
  options: { alg?: string; iat?: number; exp?: number } = {},
) {
  const now = Math.floor(Date.now() / 1000);
  const iat = options.iat ?? now;
  return new SignJWT({})
    .setProtectedHeader({ alg: options.alg ?? "EdDSA", kid })
    .setSubject(sub)
    .setIssuedAt(iat)
    .setExpirationTime(options.exp ?? iat + 900)
    .setIssuer(AUTH_URL)
    .setAudience(AUTH_URL)
    .sign(pair.privateKey);
}

async function publicJwk(pair: KeyPair, kid: string): Promise<JWK> {
  return { ...(await exportJWK(pair.publicKey)), kid, alg: "EdDSA", use: "sig" };
}

const jwks = new JwksServer();
let url: string;
let app: App;
let first: KeyPair;
const sub = newUserId();

beforeAll(async () => {
  url = await jwks.start();
  first = await generateKeyPair("EdDSA", { crv: "Ed25519" });
  jwks.keys = [await publicJwk(first, "key-1")];
  app = await testApp({ jwksUrl: url });
});
afterAll(async () => {
  await app.close();
  await jwks.stop();
});

const get = (token: string) =>
  app.inject({ url: tasksPath(sub), headers: { authorization: `Bearer ${token}` } });

describe("JWKS mode (EdDSA)", () => {
  it("accepts a token signed by a key of the JWKS", async () => {
    expect((await get(await edToken(first, "key-1", sub))).statusCode).toBe(200);
  });

  it("refuses an iat beyond the clock tolerance and a lifetime over 24 hours", async () => {
    const now = Math.floor(Date.now() / 1000);
    const day = 24 * 60 * 60;
    for (const times of [
      { iat: now + 3650 * day },
      { iat: now + 60 },
      // iat given with exp: a second passing before signing must not shorten the lifetime.
      { iat: now, exp: now + 3650 * day },
      { iat: now, exp: now + day + 1 },
    ]) {
      const response = await get(await edToken(first, "key-1", sub, times));
      expect(response.statusCode, JSON.stringify(times)).toBe(401);
      expect(response.headers["www-authenticate"]).toContain('error="invalid_token"');
    }
    for (const times of [{ iat: now + 20 }, { iat: now, exp: now + day }]) {
      expect((await get(await edToken(first, "key-1", sub, times))).statusCode).toBe(200);
    }
  });

  it("refuses HS256 tokens, even signed with the shared secret", async () => {
    const response = await get(await signToken(sub));
    expect(response.statusCode).toBe(401);
    expect(response.headers["www-authenticate"]).toContain('error="invalid_token"');
  });

  it("refuses an EdDSA token signed by a key not in the JWKS, and never follows jku", async () => {
    const stranger = await generateKeyPair("EdDSA", { crv: "Ed25519" });
    const hits = jwks.hits;
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: "EdDSA", kid: "key-1", jku: "http://127.0.0.1:1/evil" })
      .setSubject(sub)
      .setIssuedAt(now)
      .setExpirationTime(now + 900)
      .setIssuer(AUTH_URL)
      .setAudience(AUTH_URL)
      .sign(stranger.privateKey);
    expect((await get(token)).statusCode).toBe(401);
    expect(jwks.hits).toBe(hits);
  });

  it("fetches at most once per 30 s for unknown kids, shared by concurrent requests", async () => {
    const second = await generateKeyPair("EdDSA", { crv: "Ed25519" });
    const hits = jwks.hits;
    jwks.keys = [...jwks.keys, await publicJwk(second, "key-2")];
    const unknown = await Promise.all(
      Array.from({ length: 5 }, async (_, i) => get(await edToken(second, `nope-${i}`, sub))),
    );
    expect(unknown.every((response) => response.statusCode === 401)).toBe(true);
    expect(jwks.hits - hits).toBeLessThanOrEqual(1);
  });

  it("keeps verifying cached kids while the JWKS is down; unknown kids get a 401 within 5 s", async () => {
    const down = new JwksServer();
    const downUrl = await down.start();
    down.keys = [await publicJwk(first, "key-1")];
    const isolated = await testApp({ jwksUrl: downUrl });
    try {
      expect(
        (
          await isolated.inject({
            url: tasksPath(sub),
            headers: { authorization: `Bearer ${await edToken(first, "key-1", sub)}` },
          })
        ).statusCode,
      ).toBe(200);
      down.up = false;
      const cached = await isolated.inject({
        url: tasksPath(sub),
        headers: { authorization: `Bearer ${await edToken(first, "key-1", sub)}` },
      });
      expect(cached.statusCode).toBe(200);
      const other = await generateKeyPair("EdDSA", { crv: "Ed25519" });
      const started = Date.now();
      const unknown = await isolated.inject({
        url: tasksPath(sub),
        headers: { authorization: `Bearer ${await edToken(other, "key-9", sub)}` },
      });
      expect(unknown.statusCode).toBe(401);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await isolated.close();
      await down.stop();
    }
  });

  it("starts while the JWKS is unreachable and verifies once it is back", async () => {
    const late = new JwksServer();
    const lateUrl = await late.start();
    late.up = false;
    late.keys = [await publicJwk(first, "key-1")];
    const started = Date.now();
    // A retry interval far below the 30 s refetch interval: the key arrives only through a retry.
    const isolated = await testApp({ jwksUrl: lateUrl, jwksRetryIntervalMs: 100 });
    try {
      expect(Date.now() - started).toBeLessThan(5_000);
      expect((await isolated.inject({ url: "/healthz" })).statusCode).toBe(200);
      const before = await isolated.inject({
        url: tasksPath(sub),
        headers: { authorization: `Bearer ${await edToken(first, "key-1", sub)}` },
      });
      expect(before.statusCode).toBe(401);
      late.up = true;
      // Failed fetches are retried after the short back-off, not the 30 s refetch interval.
      const token = await edToken(first, "key-1", sub);
      await vi.waitFor(
        async () => {
          const after = await isolated.inject({
            url: tasksPath(sub),
            headers: { authorization: `Bearer ${token}` },
          });
          expect(after.statusCode).toBe(200);
        },
        { timeout: 10_000, interval: 50 },
      );
    } finally {
      await isolated.close();
      await late.stop();
    }
  });
});

describe("a JWKS-mode API process", () => {
  it("starts and serves in production without BETTER_AUTH_SECRET, paging with its own cursor key", async () => {
    const api = await startApi({
      NODE_ENV: "production",
      DATABASE_URL: inject("databaseUrl"),
      BETTER_AUTH_URL: AUTH_URL,
      AUTH_JWKS_URL: url,
      SMTP_URL: "smtp://mail.example.test:587",
      API_CURSOR_SECRET: "a-cursor-secret-of-the-api-alone-0123456789",
    });
    try {
      const owner = newUserId();
      const endpoint = `${api.origin}${tasksPath(owner)}`;
      const authorization = `Bearer ${await edToken(first, "key-1", owner)}`;
      for (const title of ["first", "second"]) {
        const created = await fetch(endpoint, {
          method: "POST",
          headers: { authorization, "content-type": "application/json" },
          body: JSON.stringify({ title }),
        });
        expect(created.status).toBe(201);
      }
      const firstPage = await fetch(`${endpoint}?limit=1`, { headers: { authorization } });
      const page = (await firstPage.json()) as { next_cursor: string };
      expect(page).toMatchObject({ total: 2, next_cursor: expect.any(String) });
      const next = await fetch(
        `${endpoint}?limit=1&cursor=${encodeURIComponent(page.next_cursor)}`,
        { headers: { authorization } },
      );
      expect(next.status).toBe(200);
      expect(((await next.json()) as { items: unknown[] }).items).toHaveLength(1);
      const shared = await fetch(endpoint, {
        headers: { authorization: `Bearer ${await signToken(owner)}` },
      });
      expect(shared.status).toBe(401);
    } finally {
      await kill(api);
    }
  });
});
