import { Writable } from "node:stream";
import type { Problem } from "@todo/contract/problem";
import type { Task } from "@todo/contract/task";
import { expect, inject } from "vitest";
import { type App, type AppOptions, buildApp } from "../src/app";
import { newUserId } from "./support/ids";
import { AUTH_URL, signToken, TEST_SECRET } from "./support/tokens";

export { newUserId } from "./support/ids";
export { AUTH_URL, signToken, TEST_SECRET } from "./support/tokens";

export const WEB_ORIGIN = "http://localhost:3000";
export const TEST_CURSOR_SECRET = "test-cursor-secret-at-least-32-characters";

export function testOptions(overrides: Partial<AppOptions> = {}): AppOptions {
  return {
    databaseUrl: inject("databaseUrl"),
    authSecret: TEST_SECRET,
    cursorSecret: TEST_CURSOR_SECRET,
    authUrl: AUTH_URL,
    corsOrigins: [WEB_ORIGIN],
    rateLimitPerMinute: 100_000,
    ...overrides,
  };
}

export async function testApp(overrides: Partial<AppOptions> = {}) {
  const app = await buildApp(testOptions(overrides));
  await app.ready();
  return app;
}

export async function authHeader(sub: string): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${await signToken(sub)}` };
}

export const tasksPath = (userId: string) => `/api/${encodeURIComponent(userId)}/tasks`;
export const taskPath = (userId: string, id: number | string) => `${tasksPath(userId)}/${id}`;

/** A user of `app` (fresh unless named) with a valid token, and task creates made as that user. */
export async function testUser(app: App, userId = newUserId()) {
  const headers = await authHeader(userId);
  /** POSTs a task as this user, with `extra` headers (an Idempotency-Key, a Content-Type…). */
  const postTask = (
    payload: Record<string, unknown> | string,
    extra: Record<string, string> = {},
  ) =>
    app.inject({
      method: "POST",
      url: tasksPath(userId),
      headers: { ...headers, ...extra },
      payload,
    });
  /** Creates a task as this user, expecting a 201, and returns it. */
  const createTask = async (
    payload: Record<string, unknown> = { title: "A task" },
    extra: Record<string, string> = {},
  ): Promise<Task> => {
    const response = await postTask(payload, extra);
    expect(response.statusCode).toBe(201);
    return response.json<Task>();
  };
  return { userId, headers, postTask, createTask };
}

export type TestContext = Awaited<ReturnType<typeof appWithUser>>;

/** An app and a fresh user of it (see `testUser`). */
export async function appWithUser(overrides: Partial<AppOptions> = {}) {
  const app = await testApp(overrides);
  return { app, ...(await testUser(app)) };
}

interface InjectedResponse {
  statusCode: number;
  headers: Record<string, unknown>;
  json(): unknown;
}

/** Asserts an RFC 9457 problem document with this status, and returns it. */
export function expectProblem(response: InjectedResponse, status: number) {
  expect(response.statusCode).toBe(status);
  expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
  const body = response.json() as Problem;
  expect(body).toMatchObject({ type: "about:blank", status, title: expect.any(String) });
  expect(typeof body.detail).toBe("string");
  return body;
}

/** A pino destination that keeps every line, to assert what the logs contain. */
export function captureLogs(): { stream: Writable; text(): string } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
  return { stream, text: () => lines.join("") };
}
