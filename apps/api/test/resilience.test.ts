import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { createServer, type Server, Socket } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { App } from "../src/app";
import { authHeader, captureLogs, newUserId, TEST_SECRET, tasksPath, testApp } from "./helpers";

const API_DIR = fileURLToPath(new URL("..", import.meta.url));

/** A TCP proxy in front of PostgreSQL that the test can cut and restore. */
class TcpProxy {
  #sockets = new Set<Socket>();
  #server: Server | null = null;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async up(): Promise<void> {
    this.#server = createServer((client) => {
      const upstream = new Socket().connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.#sockets.add(socket);
        socket.on("close", () => this.#sockets.delete(socket));
        socket.on("error", () => {});
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.#server?.listen(this.port, "127.0.0.1", resolve));
    this.port = (this.#server.address() as AddressInfo).port;
  }

  async down(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }
}

describe("database outage", () => {
  const database = new URL(inject("databaseUrl"));
  const proxy = new TcpProxy({ host: database.hostname, port: Number(database.port) });
  let app: App;
  const logs = captureLogs();

  beforeAll(async () => {
    await proxy.up();
    const url = new URL(database);
    url.port = String(proxy.port);
    app = await testApp({
      databaseUrl: url.toString(),
      logger: { level: "info", stream: logs.stream },
    });
  });
  afterAll(async () => {
    await app.close();
    await proxy.down().catch(() => {});
  });

  it("answers 503 with Retry-After within 5 s while the database is down, and recovers", async () => {
    const userId = newUserId();
    const headers = await authHeader(userId);
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
    const write = await app.inject({
      method: "POST",
      url: tasksPath(userId),
      headers,
      payload: { title: "private-title-1234" },
    });
    expect(write.statusCode).toBe(503);
    // The failure is logged, without the query's parameters (user data).
    expect(logs.text()).toContain("database unavailable");
    expect(logs.text()).not.toContain("private-title-1234");

    await proxy.up();
    expect((await app.inject({ url: "/readyz" })).statusCode).toBe(200);
    expect((await app.inject({ url: tasksPath(userId), headers })).statusCode).toBe(200);
  });
});

function startServer(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: API_DIR,
    env: { PATH: process.env.PATH, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

async function output(child: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const [code] = await once(child, "exit");
  return { code, stderr };
}

async function waitForHealthy(port: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("server did not start");
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("process", () => {
  it("refuses to start with a secret shorter than 32 characters, saying so", async () => {
    const child = startServer({
      BETTER_AUTH_SECRET: "too-short",
      DATABASE_URL: inject("databaseUrl"),
    });
    const { code, stderr } = await output(child);
    expect(code).not.toBe(0);
    expect(stderr).toContain("BETTER_AUTH_SECRET");
    expect(stderr).toMatch(/at least 32 characters/);
  });

  it("requires the secret in production", async () => {
    const child = startServer({ NODE_ENV: "production", DATABASE_URL: inject("databaseUrl") });
    const { code, stderr } = await output(child);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/BETTER_AUTH_SECRET is required/);
  });

  it("on SIGTERM finishes the request in flight, then exits 0", async () => {
    const port = await freePort();
    const child = startServer({
      BETTER_AUTH_SECRET: TEST_SECRET,
      DATABASE_URL: inject("databaseUrl"),
      API_PORT: String(port),
      API_HOST: "127.0.0.1",
    });
    const exited = output(child);
    await waitForHealthy(port);
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
