import { request as httpRequest } from "node:http";
import { freePort } from "@todo/db/embedded";
import { waitForHttp } from "@todo/stack";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { App } from "../src/app";
import {
  authHeader,
  captureLogs,
  newUserId,
  TEST_SECRET,
  tasksPath,
  testApp,
  testUser,
} from "./helpers";
import { startServer } from "./support/api-process";
import { TcpProxy } from "./support/tcp-proxy";

describe("database outage", () => {
  let proxy: TcpProxy;
  let app: App;
  const logs = captureLogs();

  beforeAll(async () => {
    const front = await TcpProxy.inFrontOf(inject("databaseUrl"));
    proxy = front.proxy;
    app = await testApp({
      databaseUrl: front.url,
      logger: { level: "info", destination: logs.stream },
    });
  });
  afterAll(async () => {
    await app.close();
    await proxy.down().catch(() => {});
  });

  it("answers 503 with Retry-After within 5 s while the database is down, and recovers", async () => {
    const { userId, headers, postTask } = await testUser(app);
    expect((await app.inject({ url: tasksPath(userId), headers })).statusCode).toBe(200);

    await proxy.down();
    for (const url of [tasksPath(userId), "/readyz"]) {
      const started = Date.now();
      const response = await app.inject({ url, headers });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(response.statusCode).toBe(503);
      expect(response.headers["retry-after"]).toBeDefined();
      expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(response.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres|Error:/i);
    }
    expect((await app.inject({ url: "/healthz" })).statusCode).toBe(200);
    const write = await postTask({ title: "private-title-1234" });
    expect(write.statusCode).toBe(503);
    // The failure is logged, without the query's parameters (user data).
    expect(logs.text()).toContain("database unavailable");
    expect(logs.text()).not.toContain("private-title-1234");

    await proxy.up();
    expect((await app.inject({ url: "/readyz" })).statusCode).toBe(200);
    expect((await app.inject({ url: tasksPath(userId), headers })).statusCode).toBe(200);
  });
});

describe("process", () => {
  it("refuses to start with a secret shorter than 32 characters, saying so", async () => {
    const server = startServer({
      BETTER_AUTH_SECRET: "too-short",
      DATABASE_URL: inject("databaseUrl"),
    });
    const { code, output } = await server.exited;
    expect(code).not.toBe(0);
    expect(output).toContain("BETTER_AUTH_SECRET");
    expect(output).toMatch(/at least 32 characters/);
  });

  it("requires the secret in production", async () => {
    const server = startServer({ NODE_ENV: "production", DATABASE_URL: inject("databaseUrl") });
    const { code, output } = await server.exited;
    expect(code).not.toBe(0);
    expect(output).toMatch(/BETTER_AUTH_SECRET is required/);
  });

  it("on SIGTERM finishes the request in flight, then exits 0", async () => {
    const port = await freePort();
    const { child, exited } = startServer({
      BETTER_AUTH_SECRET: TEST_SECRET,
      DATABASE_URL: inject("databaseUrl"),
      API_PORT: String(port),
      API_HOST: "127.0.0.1",
    });
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, { timeoutMs: 30_000 });
    const userId = newUserId();
    const headers = await authHeader(userId);
    // A slow upload keeps a request in flight across the signal.
    const inFlight = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(
        {
          host: "127.0.0.1",
          port,
          method: "POST",
          path: tasksPath(userId),
          headers: { ...headers, "content-type": "application/json" },
        },
        (response) => {
          let body = "";
          response.on("data", (chunk) => {
            body += chunk;
          });
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
        },
      );
      request.on("error", reject);
      request.write('{"title":');
      setTimeout(() => {
        child.kill("SIGTERM");
        setTimeout(() => request.end('"finished after SIGTERM"}'), 300);
      }, 1_000);
    });
    const response = await inFlight;
    expect(response.status).toBe(201);
    expect(JSON.parse(response.body).title).toBe("finished after SIGTERM");
    const { code } = await exited;
    expect(code).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});
