import { randomInt } from "node:crypto";
import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../src/app";
import {
  appWithUser,
  authHeader,
  captureLogs,
  expectProblem,
  newUserId,
  signToken,
  type TestContext,
  taskPath,
  tasksPath,
  testApp,
  testUser,
  WEB_ORIGIN,
} from "./helpers";

let { app, userId, headers, postTask } = {} as TestContext;
beforeAll(async () => {
  ({ app, userId, headers, postTask } = await appWithUser());
});
afterAll(() => app.close());

describe("framework errors as problem+json", () => {
  it("400 for a body that is not JSON", async () => {
    const response = await postTask('{"title": "x",', { "content-type": "application/json" });
    expectProblem(response, 400);
  });

  it("415 for another content type; charset parameters are fine", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "application/xml"]) {
      const response = await postTask("title=x", { "content-type": type });
      expectProblem(response, 415);
    }
    const withCharset = await postTask('{"title":"x"}', {
      "content-type": "application/json; charset=utf-8",
    });
    expect(withCharset.statusCode).toBe(201);
  });

  it("413 for a body over 16 KiB", async () => {
    const response = await postTask(
      JSON.stringify({ title: "x", description: "d".repeat(17 * 1024) }),
      {
        "content-type": "application/json",
      },
    );
    expectProblem(response, 413);
  });

  it("404 for unknown paths, with or without a token", async () => {
    for (const url of [
      "/nope",
      "/api",
      "/api/tasks",
      `/api/${userId}/tasks/1/nope`,
      `/api/${userId}`,
    ]) {
      expectProblem(await app.inject({ url }), 404);
      expectProblem(await app.inject({ url, headers }), 404);
      expectProblem(await app.inject({ url, headers: { authorization: "Bearer garbage" } }), 404);
    }
  });

  it("404 or 405 for a method a route does not have", async () => {
    for (const [method, url] of [
      ["DELETE", tasksPath(userId)],
      ["PATCH", taskPath(userId, 1)],
      ["POST", taskPath(userId, 1)],
      ["GET", `${taskPath(userId, 1)}/complete`],
    ] as const) {
      const response = await app.inject({ method, url, headers });
      expect([404, 405]).toContain(response.statusCode);
      expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
    }
  });
});

describe("headers", () => {
  it("sends nosniff everywhere, no X-Powered-By, and no-store under /api/", async () => {
    for (const url of ["/healthz", "/openapi.json", "/nope", tasksPath(userId), `/api/nope`]) {
      const response = await app.inject({ url, headers });
      expect(response.headers["x-content-type-options"]).toBe("nosniff");
      expect(response.headers["content-security-policy"]).toContain("default-src 'none'");
      expect(response.headers["cross-origin-resource-policy"]).toBe("cross-origin");
      expect(response.headers["x-powered-by"]).toBeUndefined();
      if (url.startsWith("/api/")) expect(response.headers["cache-control"]).toBe("no-store");
    }
    const unauthorized = await app.inject({ url: tasksPath(userId) });
    expect(unauthorized.headers["cache-control"]).toBe("no-store");
  });
});

describe("CORS", () => {
  it("answers a preflight from an allowed origin", async () => {
    const response = await app.inject({
      method: "OPTIONS",
      url: tasksPath(userId),
      headers: {
        origin: WEB_ORIGIN,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type, if-match, idempotency-key",
      },
    });
    expect(response.statusCode).toBe(204);
    expect(response.headers["access-control-allow-origin"]).toBe(WEB_ORIGIN);
    const allowed = String(response.headers["access-control-allow-headers"]).toLowerCase();
    for (const header of ["authorization", "content-type", "if-match", "idempotency-key"]) {
      expect(allowed).toContain(header);
    }
    expect(String(response.headers["access-control-allow-methods"])).toContain("PATCH");
  });

  it("gives any other origin no Access-Control-Allow-Origin", async () => {
    const preflight = await app.inject({
      method: "OPTIONS",
      url: tasksPath(userId),
      headers: { origin: "https://evil.example", "access-control-request-method": "GET" },
    });
    expect(preflight.headers["access-control-allow-origin"]).toBeUndefined();
    const simple = await app.inject({
      url: tasksPath(userId),
      headers: { ...headers, origin: "https://evil.example" },
    });
    expect(simple.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("exposes ETag and Location to the allowed origin", async () => {
    const response = await postTask({ title: "cors" }, { origin: WEB_ORIGIN });
    expect(response.headers["access-control-allow-origin"]).toBe(WEB_ORIGIN);
    const exposed = String(response.headers["access-control-expose-headers"]).toLowerCase();
    expect(exposed).toContain("etag");
    expect(exposed).toContain("location");
    expect(exposed).toContain("retry-after");
  });
});

describe("service routes", () => {
  it("healthz and readyz answer ok", async () => {
    expect((await app.inject({ url: "/healthz" })).json()).toEqual({ status: "ok" });
    const ready = await app.inject({ url: "/readyz" });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: "ok" });
  });

  it("serves an OpenAPI 3.1 document listing every route", async () => {
    const response = await app.inject({ url: "/openapi.json" });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\.1\./);
    const validation = await new Validator().validate(document);
    expect(validation.errors).toBeUndefined();
    expect(validation.valid).toBe(true);
    expect(document.components.securitySchemes.bearer).toMatchObject({
      type: "http",
      scheme: "bearer",
    });
    const operations = Object.entries(
      document.paths as Record<string, Record<string, unknown>>,
    ).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        "GET /api/{user_id}/tasks",
        "POST /api/{user_id}/tasks",
        "GET /api/{user_id}/tasks/{id}",
        "PUT /api/{user_id}/tasks/{id}",
        "DELETE /api/{user_id}/tasks/{id}",
        "PATCH /api/{user_id}/tasks/{id}/complete",
        "GET /healthz",
        "GET /readyz",
      ]),
    );
    const create = document.paths["/api/{user_id}/tasks"].post;
    expect(Object.keys(create.responses)).toEqual(
      expect.arrayContaining(["201", "400", "401", "403", "409", "413", "415", "422", "429"]),
    );
    expect(create.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(create.responses["422"].content)).toEqual(["application/problem+json"]);
    expect(Object.keys(create.responses["201"].headers)).toEqual(
      expect.arrayContaining(["Location", "ETag"]),
    );
    expect(JSON.stringify(create.requestBody)).toContain("title");
  });

  it("serves the interactive reference at /docs with its assets", async () => {
    const page = await app.inject({ url: "/docs" });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toMatch(/^text\/html/);
    expect(page.body).toContain("swagger-ui");
    const script = await app.inject({ url: "/docs/static/swagger-ui-bundle.js" });
    expect(script.statusCode).toBe(200);
  });
});

describe("rate limiting", () => {
  it("counts per sub for valid tokens and per IP otherwise, with Retry-After on 429", async () => {
    const limited = await testApp({ rateLimitPerMinute: 3 });
    try {
      const alice = newUserId();
      const bob = newUserId();
      const asAlice = await authHeader(alice);
      for (let i = 0; i < 3; i++) {
        expect((await limited.inject({ url: tasksPath(alice), headers: asAlice })).statusCode).toBe(
          200,
        );
      }
      const over = await limited.inject({ url: tasksPath(alice), headers: asAlice });
      expect(over.statusCode).toBe(429);
      expect(Number(over.headers["retry-after"])).toBeGreaterThan(0);
      expect(over.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(over.json()).toMatchObject({ status: 429 });
      // Same IP, another user: its own budget.
      expect(
        (await limited.inject({ url: tasksPath(bob), headers: await authHeader(bob) })).statusCode,
      ).toBe(200);
      // Unauthenticated requests count per IP, separately from the users.
      const fromIp = (remoteAddress: string) =>
        limited.inject({ url: tasksPath(alice), remoteAddress });
      for (let i = 0; i < 3; i++) expect((await fromIp("10.0.0.1")).statusCode).toBe(401);
      expect((await fromIp("10.0.0.1")).statusCode).toBe(429);
      expect((await fromIp("10.0.0.2")).statusCode).toBe(401);
      // Health checks and documentation are never limited.
      for (let i = 0; i < 5; i++) {
        expect(
          (await limited.inject({ url: "/healthz", remoteAddress: "10.0.0.1" })).statusCode,
        ).toBe(200);
      }
    } finally {
      await limited.close();
    }
  });

  it("lets exactly the limit through when one user's requests arrive all at once", async () => {
    const limited = await testApp({ rateLimitPerMinute: 20 });
    try {
      const carol = newUserId();
      const asCarol = await authHeader(carol);
      const burst = await Promise.all(
        Array.from({ length: 50 }, () =>
          limited.inject({ url: tasksPath(carol), headers: asCarol }),
        ),
      );
      const statuses = burst.map((response) => response.statusCode);
      expect(statuses.filter((status) => status === 200)).toHaveLength(20);
      expect(statuses.filter((status) => status === 429)).toHaveLength(30);
      const remaining = burst
        .filter((response) => response.statusCode === 200)
        .map((response) => Number(response.headers["x-ratelimit-remaining"]))
        .sort((a, b) => a - b);
      // Every admitted request got its own place in the window.
      expect(remaining).toEqual(Array.from({ length: 20 }, (_, index) => index));
    } finally {
      await limited.close();
    }
  });
});

describe("client IP (TRUST_PROXY)", () => {
  // The rate-limit counts are shared by every app of the run: each address here is fresh.
  let lastAddress = randomInt(2 ** 16);
  const freshIp = () => {
    lastAddress++;
    return `198.18.${(lastAddress >> 8) & 255}.${lastAddress & 255}`;
  };
  /** An anonymous request (a 401, counted per client IP) arriving from `peer`. */
  const anonymous = (app: App, peer: string, headers: Record<string, string> = {}) =>
    app.inject({ url: tasksPath(newUserId()), remoteAddress: peer, headers });
  /** The statuses of `count` requests made by `send`. */
  const statuses = async (count: number, send: (n: number) => ReturnType<typeof anonymous>) => {
    const result: number[] = [];
    for (let n = 0; n < count; n++) result.push((await send(n)).statusCode);
    return result;
  };

  it("unset: believes no forwarded header, so forging one escapes no limit", async () => {
    const limited = await testApp({ rateLimitPerMinute: 3 });
    try {
      const client = freshIp();
      const forging = (n: number) =>
        anonymous(
          limited,
          client,
          n % 2 ? { "x-forwarded-for": freshIp() } : { "x-real-ip": freshIp() },
        );
      expect(await statuses(6, forging)).toEqual([401, 401, 401, 429, 429, 429]);
    } finally {
      await limited.close();
    }
  });

  it("a hop count: the address that many hops away is the client's, whatever it forged before", async () => {
    const limited = await testApp({ rateLimitPerMinute: 3, trustProxy: 1 });
    try {
      const proxy = freshIp();
      const [alice, bob, carol, dave] = [freshIp(), freshIp(), freshIp(), freshIp()];
      // The proxy appends the address it saw to whatever the client sent.
      const through = (client: string) => () =>
        anonymous(limited, proxy, { "x-forwarded-for": `${freshIp()}, ${client}` });
      expect(await statuses(4, through(alice))).toEqual([401, 401, 401, 429]);
      expect(await statuses(1, through(bob))).toEqual([401]);
      // X-Real-IP, without X-Forwarded-For, names the client too.
      const realIp = (client: string) => () => anonymous(limited, proxy, { "x-real-ip": client });
      expect(await statuses(4, realIp(carol))).toEqual([401, 401, 401, 429]);
      expect(await statuses(1, realIp(dave))).toEqual([401]);
    } finally {
      await limited.close();
    }
  });

  it("CIDRs: forwarded headers are believed only from those proxies, hop by hop", async () => {
    const limited = await testApp({
      rateLimitPerMinute: 3,
      trustProxy: ["10.0.0.0/8", "2001:db8::/32"],
    });
    try {
      const [alice, bob, direct] = [freshIp(), freshIp(), freshIp()];
      // Two proxies of ours: the first address from the right that is not one of them is the client.
      const through = (client: string) => () =>
        anonymous(limited, "10.1.0.1", { "x-forwarded-for": `${freshIp()}, ${client}, 10.2.0.1` });
      expect(await statuses(4, through(alice))).toEqual([401, 401, 401, 429]);
      expect(await statuses(1, through(bob))).toEqual([401]);
      // A client that reaches the API directly cannot choose its address.
      const forging = (n: number) =>
        anonymous(
          limited,
          direct,
          n % 2 ? { "x-forwarded-for": freshIp() } : { "x-real-ip": freshIp() },
        );
      expect(await statuses(4, forging)).toEqual([401, 401, 401, 429]);
      const realIp = (client: string) => () =>
        anonymous(limited, "2001:db8::1", { "x-real-ip": client });
      const [carol, dave] = [freshIp(), freshIp()];
      expect(await statuses(4, realIp(carol))).toEqual([401, 401, 401, 429]);
      expect(await statuses(1, realIp(dave))).toEqual([401]);
    } finally {
      await limited.close();
    }
  });
});

describe("logs", () => {
  it("never contain the token", async () => {
    const logs = captureLogs();
    const logged = await testApp({
      logger: { level: "trace", destination: logs.stream },
    });
    try {
      const token = await signToken(userId);
      await logged.inject({
        url: tasksPath(userId),
        headers: { authorization: `Bearer ${token}`, cookie: "session=s3cr3t" },
      });
      await logged.inject({
        url: tasksPath(userId),
        headers: { authorization: `Bearer ${token}x` },
      });
      const output = logs.text();
      expect(output).toContain("request completed");
      expect(output).not.toContain(token.split(".")[2]);
      expect(output).not.toContain("s3cr3t");
    } finally {
      await logged.close();
    }
  });

  it("in production carry no line for a request that is neither slow nor failed", async () => {
    const logs = captureLogs();
    const logged = await testApp({
      logger: { level: "info", destination: logs.stream, requests: "slow" },
    });
    try {
      const { userId, headers } = await testUser(logged);
      expect((await logged.inject({ url: tasksPath(userId), headers })).statusCode).toBe(200);
      expect((await logged.inject({ url: tasksPath(userId) })).statusCode).toBe(401);
      expect(logs.text()).not.toMatch(/incoming request|request completed/);
    } finally {
      await logged.close();
    }
  });

  it("carry no search text or cursor, and no raw control characters", async () => {
    const logs = captureLogs();
    const logged = await testApp({ logger: { level: "info", destination: logs.stream } });
    try {
      const { userId, headers, createTask } = await testUser(logged);
      await createTask({ title: "secret diagnosis one" });
      await createTask({ title: "secret diagnosis two" });
      const list = (query: string, extra: Record<string, string> = {}) =>
        logged.inject({ url: `${tasksPath(userId)}?${query}`, headers: { ...headers, ...extra } });
      const first = await list("q=secret%20diagnosis&sort=title&limit=1");
      const cursor = first.json().next_cursor as string;
      expect(cursor).toEqual(expect.any(String));
      const second = await list(
        `q=secret%20diagnosis&sort=title&limit=1&cursor=${encodeURIComponent(cursor)}`,
        // A Host header may carry bytes that are C1 controls once decoded (CSI is U+009B).
        { host: "api.example\u009b31m\u007f\u001b[2J" },
      );
      expect(second.statusCode).toBe(200);
      const output = logs.text();
      expect(output).toContain(`"path":"${tasksPath(userId)}"`);
      expect(output).not.toMatch(/secret|diagnosis/);
      expect(output).not.toContain(cursor);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: their absence is the point
      expect(output.replaceAll("\n", "")).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
      expect(output).toContain(String.raw`api.example\u009b31m\u007f\u001b[2J`);
    } finally {
      await logged.close();
    }
  });
});
