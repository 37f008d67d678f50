import { randomBytes } from "node:crypto";
import type { APIRequestContext, BrowserContext } from "@playwright/test";
import { decodeJwt, SignJWT } from "jose";
import pg from "pg";
import { expect, stackSettings, type TestUser, test } from "./fixtures";
import { apiStatus, expectRefusedWithinContract, tokenOf } from "./support/revocation";

async function sessionOf(request: APIRequestContext): Promise<{ id: string; token: string }> {
  const response = await request.get("/api/auth/get-session");
  expect(response.status()).toBe(200);
  return ((await response.json()) as { session: { id: string; token: string } }).session;
}

/** A token minted by another tool holding the secret: no `sid`, only the user-wide rule applies. */
function tokenWithoutSid(sub: string, baseURL: string): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(sub)
    .setIssuedAt(Math.floor(Date.now() / 1000) - 5)
    .setExpirationTime("15m")
    .setIssuer(baseURL)
    .setAudience(baseURL)
    .sign(new TextEncoder().encode(stackSettings().secret));
}

const post = (request: APIRequestContext, baseURL: string, path: string, data: object = {}) =>
  request.post(`/api/auth${path}`, { data, headers: { Origin: baseURL } });

test.describe("revocation at the API (two browser contexts, one user)", () => {
  let other: BrowserContext;
  test.beforeEach(async ({ browser, baseURL, user }) => {
    other = await browser.newContext({ baseURL: baseURL as string });
    const signIn = await post(other.request, baseURL as string, "/sign-in/email", {
      email: user.email,
      password: user.password,
    });
    expect(signIn.status()).toBe(200);
  });
  test.afterEach(() => other.close());

  test("tokens carry the session's id as `sid`, never its token", async ({ context }) => {
    const token = await tokenOf(context.request);
    const session = await sessionOf(context.request);
    expect(decodeJwt(token).sid).toBe(session.id);
    expect(token).not.toContain(session.token);
  });

  test("revoking B's session from A refuses B's token; A's keeps working", async ({
    context,
    baseURL,
  }) => {
    const tokenA = await tokenOf(context.request);
    const tokenB = await tokenOf(other.request);
    expect(await apiStatus(context.request, tokenB)).toBe(200);

    const sessionA = await sessionOf(context.request);
    const sessions = (await (await context.request.get("/api/auth/list-sessions")).json()) as {
      id: string;
      token: string;
    }[];
    const sessionB = sessions.find((session) => session.id !== sessionA.id);
    expect(sessionB?.id).toBe((await sessionOf(other.request)).id);
    const revoked = await post(context.request, baseURL as string, "/revoke-session", {
      token: sessionB?.token,
    });
    expect(revoked.status()).toBe(200);

    await expectRefusedWithinContract(context.request, tokenB);
    expect(await apiStatus(context.request, tokenA)).toBe(200);
  });

  test("signing out in B refuses B's token; A's keeps working", async ({ context, baseURL }) => {
    const tokenA = await tokenOf(context.request);
    const tokenB = await tokenOf(other.request);
    expect(await apiStatus(other.request, tokenB)).toBe(200);

    expect((await post(other.request, baseURL as string, "/sign-out")).status()).toBe(200);
    await expectRefusedWithinContract(other.request, tokenB);
    expect(await apiStatus(context.request, tokenA)).toBe(200);
  });

  test("signing out everywhere refuses every earlier token of the user, with or without sid", async ({
    context,
    baseURL,
    user,
  }) => {
    const tokenA = await tokenOf(context.request);
    const tokenB = await tokenOf(other.request);
    const withoutSid = await tokenWithoutSid(decodeJwt(tokenA).sub as string, baseURL as string);
    expect(await apiStatus(context.request, withoutSid)).toBe(200);

    expect((await post(context.request, baseURL as string, "/revoke-sessions")).status()).toBe(200);
    for (const token of [tokenA, tokenB, withoutSid]) {
      await expectRefusedWithinContract(context.request, token);
    }
    // Signed in again: tokens issued after the cutoff are accepted.
    await signInAgain(context, baseURL as string, user);
    await expect
      .poll(async () => apiStatus(context.request, await tokenOf(context.request)))
      .toBe(200);
  });

  test("changing the password and revoking other sessions refuses B's token", async ({
    context,
    baseURL,
    user,
  }) => {
    const tokenB = await tokenOf(other.request);
    const changed = await post(context.request, baseURL as string, "/change-password", {
      currentPassword: user.password,
      newPassword: `${user.password}-new`,
      revokeOtherSessions: true,
    });
    expect(changed.status()).toBe(200);
    await expectRefusedWithinContract(context.request, tokenB);
    // A goes on with the new session Better Auth gave it.
    expect(await apiStatus(context.request, await tokenOf(context.request))).toBe(200);
  });

  test("a password reset ends every session and refuses every earlier token", async ({
    context,
    baseURL,
  }) => {
    const tokenA = await tokenOf(context.request);
    const tokenB = await tokenOf(other.request);
    const sub = decodeJwt(tokenA).sub as string;
    const withoutSid = await tokenWithoutSid(sub, baseURL as string);
    // The link of a reset email, stored as Better Auth's request-password-reset stores it.
    const resetToken = randomBytes(16).toString("hex");
    const db = new pg.Client({ connectionString: stackSettings().databaseUrls.web });
    await db.connect();
    try {
      await db.query(
        `insert into verification (id, identifier, value, expires_at)
         values ($1, $2, $3, now() + interval '1 hour')`,
        [randomBytes(16).toString("hex"), `reset-password:${resetToken}`, sub],
      );
    } finally {
      await db.end();
    }

    const reset = await post(context.request, baseURL as string, "/reset-password", {
      token: resetToken,
      newPassword: `pw-${randomBytes(8).toString("hex")}`,
    });
    expect(reset.status()).toBe(200);
    for (const token of [tokenA, tokenB, withoutSid]) {
      await expectRefusedWithinContract(context.request, token);
    }
    for (const request of [context.request, other.request]) {
      expect((await request.get("/api/auth/token")).status()).toBe(401);
    }
  });
});

async function signInAgain(context: BrowserContext, baseURL: string, user: TestUser) {
  const response = await post(context.request, baseURL, "/sign-in/email", {
    email: user.email,
    password: user.password,
  });
  expect(response.status()).toBe(200);
}
