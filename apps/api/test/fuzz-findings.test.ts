import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../src/app";
import { authHeader, expectProblem, newUserId, testApp, testUser } from "./helpers";

/** Regressions for what the fuzzer (test/support/fuzz.ts) found. */
let app: App;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

describe("found by fuzzing", () => {
  it("answers a path with an empty or a dot segment as an unknown route, with or without a token", async () => {
    const userId = newUserId();
    const valid = await authHeader(userId);
    for (const [method, url] of [
      ["GET", `/api/${userId}/tasks/`],
      ["GET", "/api//tasks"],
      ["POST", "/api//tasks"],
      ["PUT", `/api/${userId}/tasks/`],
      ["PATCH", `/api/${userId}/tasks//complete`],
      ["DELETE", "/api//tasks/1"],
      // Sent as /api/tasks/1 and /tasks: clients resolve dot segments.
      ["GET", "/api/./tasks/1"],
      ["GET", "/api/../tasks"],
    ] as const) {
      for (const headers of [valid, { authorization: "Bearer nonsense" }, {}]) {
        expectProblem(await app.inject({ method, url, headers }), 404);
      }
    }
  });

  it("serves a user id of 255 code points, and answers undecodable or overlong paths with a 404", async () => {
    const longest = "é".repeat(255);
    const response = await app.inject({
      url: `/api/${encodeURIComponent(longest)}/tasks`,
      headers: await authHeader(longest),
    });
    expect(response.statusCode).toBe(200);
    for (const url of [
      "/api/%zz/tasks",
      `/api/${"u".repeat(255 * 12 + 1)}/tasks`,
      `/api/u/tasks/${"1".repeat(4000)}`,
    ]) {
      const notFound = await app.inject({ url, headers: await authHeader("u") });
      expectProblem(notFound, 404);
      expect(notFound.headers["x-content-type-options"]).toBe("nosniff");
      expect(notFound.headers["cache-control"]).toBe("no-store");
    }
  });

  it("answers a method that a route does not have with a 404, whatever the body", async () => {
    const { userId, headers } = await testUser(app);
    for (const [extra, payload] of [
      [{ "content-type": "application/json" }, "]"],
      [{ "content-type": "text/plain" }, "x"],
      [{ "content-type": "application/json" }, `"${"x".repeat(17 * 1024)}"`],
    ] as const) {
      const response = await app.inject({
        method: "PATCH",
        url: `/api/${userId}/tasks/1`,
        headers: { ...headers, ...extra },
        payload,
      });
      expectProblem(response, 404);
    }
  });

  it("answers a DELETE with a body that is not JSON as documented", async () => {
    const { userId, headers } = await testUser(app);
    const url = `/api/${userId}/tasks/1`;
    const document = (await app.inject({ url: "/openapi.json" })).json();
    const documented = Object.keys(document.paths["/api/{user_id}/tasks/{id}"].delete.responses);
    for (const [status, extra, payload] of [
      [415, { "content-type": "text/plain" }, "x"],
      [400, { "content-type": "application/json" }, "{"],
      [413, { "content-type": "application/json" }, `"${"x".repeat(17 * 1024)}"`],
    ] as const) {
      expectProblem(
        await app.inject({ method: "DELETE", url, headers: { ...headers, ...extra }, payload }),
        status,
      );
      expect(documented).toContain(String(status));
    }
  });

  it("refuses due dates outside four-digit UTC years, and stores the others exactly", async () => {
    const { userId, headers, postTask } = await testUser(app);
    const url = `/api/${userId}/tasks`;
    for (const due of [
      "0000-01-01T00:00:00Z",
      "0001-01-01T00:00:00Z",
      "0999-12-31T23:59:59.999Z",
      "1000-01-01T00:30:00+01:00",
      "9999-12-31T23:59:59-14:00",
    ]) {
      const created = await postTask({ title: "x", due_date: due });
      expect(expectProblem(created, 422).errors).toEqual([
        { path: "due_date", message: "Must be between the years 1000 and 9999 (UTC)" },
      ]);
    }
    for (const due of [
      "1000-01-01T00:00:00Z",
      "1000-01-01T00:30:00-01:00",
      "9999-12-31T23:59:59.999Z",
    ]) {
      const created = await postTask({ title: "x", due_date: due });
      expect(created.statusCode).toBe(201);
      const expected = new Date(due).toISOString();
      expect(created.json().due_date).toBe(expected);
      const read = await app.inject({ url: `${url}/${created.json().id}`, headers });
      expect(read.json().due_date).toBe(expected);
    }
  });

  it("refuses a deeply nested create body with an Idempotency-Key as invalid, not a 500", async () => {
    const { postTask } = await testUser(app);
    for (const payload of [
      `${"[".repeat(5000)}${"]".repeat(5000)}`,
      `{"title": "x", "tags": ${"[".repeat(5000)}${"]".repeat(5000)}}`,
    ]) {
      const response = await postTask(payload, {
        "content-type": "application/json",
        "idempotency-key": "deep",
      });
      expectProblem(response, 422);
    }
  });

  it("documents 204 and 304 without a body, and /readyz's 503 as a problem document", async () => {
    const document = (await app.inject({ url: "/openapi.json" })).json();
    const task = document.paths["/api/{user_id}/tasks/{id}"];
    expect(task.delete.responses["204"].content).toBeUndefined();
    expect(task.get.responses["304"].content).toBeUndefined();
    expect(Object.keys(document.paths["/readyz"].get.responses["503"].content)).toEqual([
      "application/problem+json",
    ]);
  });
});
