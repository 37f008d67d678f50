/**
 * Issue 8 (security review of the web app's auth), as seen over HTTP by the real web app:
 * forged client addresses, the per-account throttle, bounded bodies and names, token claims,
 * common passwords, escaped logs and the audit trail.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import type { APIRequestContext } from "@playwright/test";
import { decodeJwt } from "jose";
import { expect, newUserData, signUpThroughApi, stackSettings, test } from "./fixtures";
import { freePort, logFile, type RunningServer, startWeb } from "./support/servers";

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A request from a chosen loopback address: each address is a different client to the server, as
 * different machines would be. A body is sent as JSON, with the Origin a browser would send.
 */
function requestFrom(
  localAddress: string,
  method: "GET" | "POST",
  url: string,
  { data, headers = {} }: { data?: object; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const target = new URL(url);
  const sent =
    data === undefined ? {} : { "Content-Type": "application/json", Origin: target.origin };
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: "127.0.0.1",
        port: target.port,
        path: target.pathname,
        method,
        localAddress,
        headers: { ...sent, ...headers },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          text += chunk;
        });
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }),
        );
      },
    );
    request.on("error", reject);
    request.end(data === undefined ? undefined : JSON.stringify(data));
  });
}

function postFrom(
  localAddress: string,
  url: string,
  data: object,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return requestFrom(localAddress, "POST", url, { data, headers });
}

const wrongSignIn = () => ({
  email: `nobody-${randomBytes(5).toString("hex")}@example.test`,
  password: "not-the-password",
});

/**
 * A POST to the web app at `base` (default: the one of global setup) with its Origin, as a
 * browser sends it: Better Auth refuses requests that carry cookies without one.
 */
function post(
  request: APIRequestContext,
  path: string,
  data: object,
  { headers = {}, base = process.env.E2E_WEB_URL as string } = {},
) {
  const url = new URL(path, base);
  return request.post(url.href, { data, headers: { Origin: url.origin, ...headers } });
}

function signIn(
  request: APIRequestContext,
  data: object,
  options: { headers?: Record<string, string>; base?: string } = {},
) {
  return post(request, "/api/auth/sign-in/email", data, options);
}

/** The audit lines a server has written so far. */
function auditLines(serverName: string): Array<Record<string, unknown>> {
  return readFileSync(logFile(serverName), "utf8")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.msg === "audit");
}

test.describe("client addresses (TRUST_PROXY unset)", () => {
  const LIMIT = 3;
  let web: RunningServer;

  test.beforeAll(async () => {
    web = await startWeb(stackSettings(), {
      name: "forged-ip-web",
      port: await freePort(),
      apiUrl: "http://127.0.0.1:9",
      authRateLimitPerMinute: LIMIT,
    });
  });

  test.afterAll(async () => {
    await web.stop();
  });

  test("a forged X-Forwarded-For gets no fresh sign-in budget", async () => {
    const url = `${web.url}/api/auth/sign-in/email`;
    const statuses: number[] = [];
    for (let attempt = 0; attempt <= LIMIT; attempt++) {
      const forged = { "X-Forwarded-For": `198.51.100.${attempt + 1}` };
      statuses.push((await postFrom("127.0.0.2", url, wrongSignIn(), forged)).status);
    }
    expect(statuses).toEqual([...Array(LIMIT).fill(401), 429]);
  });

  test("clients sending two-value X-Forwarded-For headers do not share one bucket", async () => {
    const url = `${web.url}/api/auth/sign-in/email`;
    const twoHops = { "X-Forwarded-For": "198.51.100.1, 203.0.113.1" };
    let last: Answer | undefined;
    for (let attempt = 0; attempt <= LIMIT; attempt++) {
      last = await postFrom("127.0.0.3", url, wrongSignIn(), twoHops);
    }
    expect(last?.status).toBe(429);
    // Another client, with the same header, still has its own budget.
    expect((await postFrom("127.0.0.4", url, wrongSignIn(), twoHops)).status).toBe(401);
    expect(last?.headers["retry-after"]).toMatch(/^\d+$/);
  });

  test("answers every token request of a session from one address, and sign-in there stays limited", async () => {
    // One address of its own: the counts of other tests (all from 127.0.0.1) do not mix in.
    const client = "127.0.0.5";
    const signedUp = await postFrom(
      client,
      `${web.url}/api/auth/sign-up/email`,
      newUserData("token"),
    );
    expect(signedUp.status).toBe(200);
    const cookie = ([] as string[])
      .concat(signedUp.headers["set-cookie"] ?? [])
      .map((line) => line.split(";")[0])
      .join("; ");
    const tokenUrl = `${web.url}/api/auth/token`;

    // Without the session cookie there is no token, however few the requests.
    expect((await requestFrom(client, "GET", tokenUrl)).status).toBe(401);

    // Ten at a time, as tabs behind one address would ask; past Better Auth's default rule for
    // a path without one of its own (100 a minute per IP and path), which /token had (ADR 0041).
    const PAST_DEFAULT = 130;
    const statuses: number[] = [];
    let tokens = 0;
    for (let sent = 0; sent < PAST_DEFAULT; sent += 10) {
      const batch = await Promise.all(
        Array.from({ length: 10 }, () =>
          requestFrom(client, "GET", tokenUrl, { headers: { Cookie: cookie } }),
        ),
      );
      for (const answer of batch) {
        statuses.push(answer.status);
        if (answer.status === 200 && (JSON.parse(answer.body) as { token?: string }).token)
          tokens++;
      }
    }
    expect(statuses).toEqual(Array(PAST_DEFAULT).fill(200));
    expect(tokens).toBe(PAST_DEFAULT);

    // Sign-in from the same address keeps its own limit.
    const signIns: number[] = [];
    for (let attempt = 0; attempt <= LIMIT; attempt++) {
      signIns.push(
        (await postFrom(client, `${web.url}/api/auth/sign-in/email`, wrongSignIn())).status,
      );
    }
    expect(signIns).toEqual([...Array(LIMIT).fill(401), 429]);
  });
});

test.describe("the per-account throttle", () => {
  test("holds across any number of addresses; the right password then waits too", async ({
    request,
    user,
  }) => {
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await signIn(
        request,
        { email: user.email, password: `wrong-${attempt}` },
        { headers: { "X-Forwarded-For": `198.51.100.${attempt}` } },
      );
      expect(response.status()).toBe(401);
    }
    const throttled = await signIn(
      request,
      { email: user.email, password: user.password },
      { headers: { "X-Forwarded-For": "198.51.100.99" } },
    );
    expect(throttled.status()).toBe(429);
    expect(Number(throttled.headers()["retry-after"])).toBeGreaterThan(0);
    expect(throttled.headers()["set-cookie"]).toBeUndefined();

    // An email without an account gets the same answer after as many attempts.
    const nobody = wrongSignIn();
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await signIn(request, nobody)).status()).toBe(401);
    }
    const unknown = await signIn(request, nobody);
    expect(unknown.status()).toBe(429);
    expect(await unknown.json()).toEqual(await throttled.json());
    expect(Object.keys(unknown.headers()).sort()).toEqual(Object.keys(throttled.headers()).sort());
  });

  test("a successful sign-in forgets the failed attempts", async ({ request, user }) => {
    for (let attempt = 1; attempt <= 4; attempt++) {
      await signIn(request, { email: user.email, password: `wrong-${attempt}` });
    }
    expect((await signIn(request, user)).status()).toBe(200);
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect((await signIn(request, { email: user.email, password: "wrong" })).status()).toBe(401);
    }
  });

  test("the sign-in form says how long to wait", async ({ page, context, user }) => {
    await context.clearCookies();
    for (let attempt = 1; attempt <= 5; attempt++) {
      await signIn(page.request, { email: user.email, password: `wrong-${attempt}` });
    }
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(
      /^Too many attempts\. Please wait \d+ seconds? and try again\.$/,
    );
    await expect(page.getByLabel("Password")).toHaveValue(user.password);
  });
});

test.describe("bounded input", () => {
  test("a 20 MB sign-up body is refused with 413 and stores nothing", async ({ request }) => {
    const user = newUserData("huge");
    // The server answers 413 and closes the connection without reading the rest of the body,
    // so a client still sending may see the connection cut instead of the answer.
    const refusal = await request
      .post("/api/auth/sign-up/email", { data: { ...user, name: "n".repeat(20 * 1024 * 1024) } })
      .then(
        (response) => response.status(),
        (error: Error) => {
          if (/EPIPE|ECONNRESET|socket hang up/.test(error.message)) return "connection cut";
          throw error;
        },
      );
    expect([413, "connection cut"]).toContain(refusal);
    expect((await signIn(request, user)).status()).toBe(401);
  });

  test("a name over 100 characters is refused on sign-up and on update-user", async ({
    request,
    page,
    baseURL,
  }) => {
    const user = newUserData("long-name");
    const refused = await request.post("/api/auth/sign-up/email", {
      data: { ...user, name: "n".repeat(20_000) },
    });
    expect(refused.status()).toBe(400);
    expect(await refused.json()).toMatchObject({ code: "INVALID_NAME" });
    expect((await signIn(request, user)).status()).toBe(401);

    await signUpThroughApi(page.request, baseURL as string, user);
    const update = (name: string) => post(page.request, "/api/auth/update-user", { name });
    const tooLong = await update("n".repeat(101));
    expect(tooLong.status()).toBe(400);
    expect(await tooLong.json()).toMatchObject({ code: "INVALID_NAME" });
    expect((await update("  Ada Lovelace  ")).status()).toBe(200);
    const session = await (await page.request.get("/api/auth/get-session")).json();
    expect(session.user.name).toBe("Ada Lovelace");

    const { token } = (await (await page.request.get("/api/auth/token")).json()) as {
      token: string;
    };
    expect(Object.keys(decodeJwt(token)).sort()).toEqual([
      "aud",
      "exp",
      "iat",
      "iss",
      "sid",
      "sub",
    ]);
  });
});

test.describe("common passwords", () => {
  test("are refused on sign-up, change-password and reset-password", async ({
    request,
    page,
    user,
  }) => {
    const signUp = await request.post("/api/auth/sign-up/email", {
      data: { ...newUserData("weak"), password: "Password1" },
    });
    expect(signUp.status()).toBe(400);
    expect(await signUp.json()).toMatchObject({ code: "PASSWORD_TOO_COMMON" });

    const change = await post(page.request, "/api/auth/change-password", {
      currentPassword: user.password,
      newPassword: "iloveyou",
    });
    expect(change.status()).toBe(400);
    expect(await change.json()).toMatchObject({ code: "PASSWORD_TOO_COMMON" });
    expect((await signIn(request, user)).status()).toBe(200);

    // Refused before the reset token is even looked at.
    const reset = await post(request, "/api/auth/reset-password", {
      token: "no-such-token",
      newPassword: "password",
    });
    expect(reset.status()).toBe(400);
    expect(await reset.json()).toMatchObject({ code: "PASSWORD_TOO_COMMON" });
  });

  test("the sign-up form shows strength as the password is typed and refuses a common one", async ({
    page,
  }) => {
    const user = newUserData("meter");
    await page.goto("/sign-up");
    await page.getByLabel("Name").fill(user.name);
    await page.getByLabel("Email").fill(user.email);
    const password = page.getByLabel("Password");
    await password.fill("password1");
    await expect(password).toHaveAccessibleDescription(/Strength: Too common/);
    await password.fill("aaaaaaaaaaa");
    await expect(password).toHaveAccessibleDescription(/Strength: Weak/);
    await password.fill("correct horse battery staple");
    await expect(password).toHaveAccessibleDescription(/Strength: Strong/);

    const signUps: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes("/api/auth/sign-up")) signUps.push(request.url());
    });
    await password.fill("Password1");
    await password.press("Enter");
    await expect(page.getByText("This password is too common.")).toBeVisible();
    await expect(password).toBeFocused();
    await expect(password).toHaveValue("Password1");
    await expect(page.getByLabel("Name")).toHaveValue(user.name);
    expect(signUps).toEqual([]);
  });
});

test.describe("logs (TRUST_PROXY=1)", () => {
  const NAME = "proxied-web";
  let web: RunningServer;

  test.beforeAll(async () => {
    web = await startWeb(stackSettings(), {
      name: NAME,
      port: await freePort(),
      apiUrl: "http://127.0.0.1:9",
      trustProxy: "1",
    });
  });

  test.afterAll(async () => {
    await web.stop();
  });

  test("control characters in input reach the log escaped", async ({ playwright }) => {
    const request = await playwright.request.newContext();
    const terminalCodes = "\u001b[2J\u001b[31mFORGED LINE\u009b";
    const response = await signIn(
      request,
      { ...wrongSignIn(), callbackURL: `https://evil.example/${terminalCodes}` },
      { base: web.url },
    );
    expect(response.status()).toBe(403);
    await request.dispose();
    await expect
      .poll(() => readFileSync(logFile(NAME), "utf8"))
      .toContain("Invalid callbackURL: https://evil.example/\\u001b[2J");
    const log = readFileSync(logFile(NAME), "utf8");
    for (const raw of ["\u001b", "\u009b"]) expect(log).not.toContain(raw);
  });

  test("sign-up, sign-in failure and success and sign-out are audited with a hashed email and the proxied IP", async ({
    playwright,
  }) => {
    // Behind one proxy that appended the client's address to a forged one.
    const request = await playwright.request.newContext({
      extraHTTPHeaders: { "X-Forwarded-For": "6.6.6.6, 198.51.100.23" },
    });
    const user = newUserData("audit");
    await signUpThroughApi(request, web.url, user);
    const wrong = { email: user.email, password: "wrong-password" };
    expect((await signIn(request, wrong, { base: web.url })).status()).toBe(401);
    expect((await signIn(request, user, { base: web.url })).status()).toBe(200);
    expect((await post(request, "/api/auth/sign-out", {}, { base: web.url })).status()).toBe(200);
    await request.dispose();

    // This user's lines: sign-up names the user id and the hashed email, the others one of them.
    const userLines = () => {
      const lines = auditLines(NAME);
      const signUp = lines.find((line) => line.event === "sign_up");
      if (!signUp) return [];
      return lines.filter(
        (line) => line.email_hash === signUp.email_hash || line.user_id === signUp.user_id,
      );
    };
    await expect
      .poll(() => userLines().map((line) => line.event))
      .toEqual(["sign_up", "sign_in.failure", "sign_in.success", "sign_out"]);
    for (const line of userLines()) expect(line.ip).toBe("198.51.100.23");
    const log = readFileSync(logFile(NAME), "utf8");
    for (const secret of [user.email, user.password, "wrong-password"])
      expect(log).not.toContain(secret);
  });
});
