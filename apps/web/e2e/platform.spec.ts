import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, WEB_DIR } from "@todo/stack";
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { expect, newUserData, signUpThroughApi, stackSettings, test } from "./fixtures";
import { freePort, startStack, startWeb } from "./support/servers";

// Only what the API uses: a name or email in the token made it grow with the user's input.
const CLAIMS = ["aud", "exp", "iat", "iss", "sid", "sub"];

test("the token endpoint issues an HS256 token with exactly the contract's claims", async ({
  page,
  user,
  baseURL,
}) => {
  const response = await page.request.get("/api/auth/token");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toBe("no-store");
  const { token } = (await response.json()) as { token: string };
  expect(decodeProtectedHeader(token).alg).toBe("HS256");
  const { payload } = await jwtVerify(token, new TextEncoder().encode(stackSettings().secret), {
    algorithms: ["HS256"],
    issuer: baseURL as string,
    audience: baseURL as string,
  });
  expect(Object.keys(payload).sort()).toEqual(CLAIMS);
  const session = (await (await page.request.get("/api/auth/get-session")).json()) as {
    user: { id: string; email: string };
  };
  expect(session.user.email).toBe(user.email);
  expect(payload.sub).toBe(session.user.id);
  expect((payload.exp as number) - (payload.iat as number)).toBe(15 * 60);

  await page.context().clearCookies();
  expect((await page.request.get("/api/auth/token")).status()).toBe(401);
});

test("responses carry security headers and the session cookie is httpOnly and SameSite=Lax", async ({
  page,
  baseURL,
}) => {
  const home = await page.request.get("/");
  expect(home.headers()["x-powered-by"]).toBeUndefined();
  expect(home.headers()["x-content-type-options"]).toBe("nosniff");
  expect(home.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");

  const signUp = await page.request.post("/api/auth/sign-up/email", {
    data: newUserData("cookie"),
    headers: { Origin: baseURL as string },
  });
  const cookie = signUp.headers()["set-cookie"] ?? "";
  expect(cookie).toMatch(/better-auth\.session_token=/);
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/SameSite=Lax/i);
  // Served over plain HTTP here: a Secure cookie would never come back.
  expect(cookie).not.toMatch(/;\s*Secure/i);
});

test("no secret reaches the client bundle", () => {
  const staticDir = join(WEB_DIR, ".next/static");
  const secrets = [stackSettings().secret];
  const devSecret = join(REPO_ROOT, ".data/better-auth-secret");
  if (existsSync(devSecret)) secrets.push(readFileSync(devSecret, "utf8").trim());
  const files = readdirSync(staticDir, { recursive: true, encoding: "utf8" }).filter((file) =>
    file.endsWith(".js"),
  );
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const text = readFileSync(join(staticDir, file), "utf8");
    for (const secret of secrets) expect(text.includes(secret), file).toBe(false);
    // The server-only env module would bring these names along.
    expect(text, file).not.toMatch(/BETTER_AUTH_SECRET|DATABASE_URL/);
  }
});

test.describe("with its own servers", () => {
  test("sign-in attempts over the per-minute limit get a readable 429 message", async ({
    page,
    user,
  }) => {
    const web = await startWeb(stackSettings(), {
      name: "rate-limited-web",
      port: await freePort(),
      apiUrl: "http://127.0.0.1:9",
      authRateLimitPerMinute: 2,
    });
    try {
      await page.context().clearCookies();
      await page.goto(`${web.url}/sign-in`);
      await page.getByLabel("Email").fill(user.email);
      await page.getByLabel("Password").fill("wrong-password");
      const alert = page.getByRole("main").getByRole("alert");
      // Counts are per IP in the shared database, so other tests' attempts may already count.
      for (let attempt = 0; attempt < 3; attempt++) {
        await page.getByRole("button", { name: "Sign in" }).click();
        await expect(alert).toBeVisible();
        await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
      }
      await expect(alert).toHaveText(
        /^Too many attempts\. Please wait \d+ seconds? and try again\.$/,
      );
    } finally {
      await web.stop();
    }
  });

  test("EdDSA mode: tokens signed with Better Auth's keys, published as a JWKS the API uses", async ({
    browser,
  }) => {
    const stack = await startStack(stackSettings(), { name: "eddsa", tokenAlg: "EdDSA" });
    const context = await browser.newContext({ baseURL: stack.webUrl });
    try {
      const user = newUserData("eddsa");
      await signUpThroughApi(context.request, stack.webUrl, user);
      const { token } = (await (await context.request.get("/api/auth/token")).json()) as {
        token: string;
      };
      const header = decodeProtectedHeader(token);
      expect(header.alg).toBe("EdDSA");
      expect(header.kid).toBeTruthy();
      const jwks = createRemoteJWKSet(new URL(`${stack.webUrl}/api/auth/jwks`));
      const { payload } = await jwtVerify(token, jwks, {
        algorithms: ["EdDSA"],
        issuer: stack.webUrl,
        audience: stack.webUrl,
      });
      expect(Object.keys(payload).sort()).toEqual(CLAIMS);
      expect((payload.exp as number) - (payload.iat as number)).toBe(15 * 60);

      const tasks = await context.request.get(`${stack.apiUrl}/api/${payload.sub}/tasks`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(tasks.status()).toBe(200);
    } finally {
      await context.close();
      await stack.stop();
    }
  });
});
