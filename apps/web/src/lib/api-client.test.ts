import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ApiError, createApiClient, NetworkError, SessionExpiredError } from "./api-client";

/** An unsigned JWT-shaped token: the client only reads `exp`, the API is what verifies. */
function tokenExpiringIn(seconds: number, serial: number): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const exp = Math.floor(Date.now() / 1000) + seconds;
  return `${encode({ alg: "HS256", typ: "JWT" })}.${encode({ sub: "user-1", exp, serial })}.sig`;
}

/** One local server that plays both the web app's token endpoint and the API. */
const server = {
  tokenRequests: 0,
  tokenLifetime: 900,
  tokenDelayMs: 0,
  sessionGone: false,
  /** `X-Retry-After` values: each token request takes the first and answers 429, as Better Auth's limiter does. */
  tokenTooMany: [] as string[],
  /** Tokens the API refuses, as if revoked or expired in flight. */
  refused: new Set<string>(),
  apiRequests: [] as {
    method: string;
    url: string;
    authorization: string;
    ifMatch: string | undefined;
    body: string;
  }[],
  apiReply: (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
  },
};

const http = createServer(async (req, res) => {
  let body = "";
  for await (const chunk of req) body += chunk;
  if (req.url === "/api/auth/token") {
    server.tokenRequests++;
    if (server.tokenDelayMs) await new Promise((r) => setTimeout(r, server.tokenDelayMs));
    const retryAfter = server.tokenTooMany.shift();
    if (retryAfter !== undefined) {
      res
        .writeHead(429, { "content-type": "application/json", "x-retry-after": retryAfter })
        .end('{"message":"Too many requests. Please try again later."}');
      return;
    }
    if (server.sessionGone) {
      res.writeHead(401, { "content-type": "application/json" }).end("{}");
      return;
    }
    const token = tokenExpiringIn(server.tokenLifetime, server.tokenRequests);
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ token }));
    return;
  }
  const authorization = req.headers.authorization ?? "";
  server.apiRequests.push({
    method: req.method ?? "",
    url: req.url ?? "",
    authorization,
    ifMatch: req.headers["if-match"],
    body,
  });
  if (server.refused.has(authorization.replace("Bearer ", ""))) {
    res
      .writeHead(401, { "content-type": "application/problem+json" })
      .end('{"type":"about:blank","title":"Unauthorized","status":401}');
    return;
  }
  server.apiReply(req, res);
});

let origin = "";
let sessionExpiredCalls = 0;

function client() {
  return createApiClient({
    apiUrl: `${origin}/`,
    tokenUrl: `${origin}/api/auth/token`,
    onSessionExpired: () => {
      sessionExpiredCalls++;
    },
  });
}

beforeAll(async () => {
  http.listen(0, "127.0.0.1");
  await once(http, "listening");
  origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(() => {
  http.close();
});
beforeEach(() => {
  Object.assign(server, {
    tokenRequests: 0,
    tokenLifetime: 900,
    tokenDelayMs: 0,
    sessionGone: false,
    tokenTooMany: [],
    refused: new Set(),
    apiRequests: [],
  });
  server.apiReply = (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
  };
  sessionExpiredCalls = 0;
});

describe("api client", () => {
  it("sends the token as a bearer credential and returns the parsed body", async () => {
    const api = client();
    await expect(
      api.request("POST", "/api/user-1/tasks", { body: { title: "a" } }),
    ).resolves.toEqual({ ok: true });
    const [sent] = server.apiRequests;
    expect(sent?.url).toBe("/api/user-1/tasks");
    expect(sent?.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.sig$/);
    expect(sent?.body).toBe('{"title":"a"}');
  });

  it("sends If-Match when given and returns the response's ETag with the body", async () => {
    server.apiReply = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json", etag: '"7-3"' }).end("{}");
    };
    const api = client();
    await expect(
      api.requestVersioned("PUT", "/api/user-1/tasks/7", { body: {}, ifMatch: '"7-2"' }),
    ).resolves.toEqual({ data: {}, etag: '"7-3"' });
    await api.request("GET", "/api/user-1/tasks");
    expect(server.apiRequests.map((sent) => sent.ifMatch)).toEqual(['"7-2"', undefined]);
  });

  it("fetches one token for many concurrent callers", async () => {
    server.tokenDelayMs = 50;
    const api = client();
    await Promise.all(Array.from({ length: 5 }, () => api.request("GET", "/api/user-1/tasks")));
    expect(server.tokenRequests).toBe(1);
    expect(new Set(server.apiRequests.map((r) => r.authorization)).size).toBe(1);
  });

  it("reuses a token until 60 seconds before it expires", async () => {
    // 90 s: reused for the next 30 s, however slow the machine.
    server.tokenLifetime = 90;
    const longLived = client();
    await longLived.request("GET", "/a");
    await longLived.request("GET", "/b");
    expect(server.tokenRequests).toBe(1);

    server.tokenLifetime = 59;
    const nearExpiry = client();
    await nearExpiry.request("GET", "/a");
    await nearExpiry.request("GET", "/b");
    expect(server.tokenRequests).toBe(3);
  });

  it("refreshes once and retries once when the API refuses the token", async () => {
    const api = client();
    await api.request("GET", "/warm-up");
    const first = server.apiRequests[0]?.authorization.replace("Bearer ", "") ?? "";
    server.refused.add(first);

    await expect(
      Promise.all([api.request("GET", "/a"), api.request("GET", "/b")]),
    ).resolves.toEqual([{ ok: true }, { ok: true }]);
    // Both callers hit the 401 with the same stale token but share a single refresh.
    expect(server.tokenRequests).toBe(2);
    const retried = server.apiRequests.slice(-2).map((r) => r.authorization);
    expect(retried.every((a) => a !== `Bearer ${first}`)).toBe(true);
  });

  it("gives up after one retry when the API keeps refusing", async () => {
    server.apiReply = (_req, res) => {
      res
        .writeHead(401, { "content-type": "application/problem+json" })
        .end('{"type":"about:blank","title":"Unauthorized","status":401,"detail":"Bad token"}');
    };
    const api = client();
    const error = await api.request("GET", "/a").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect(server.apiRequests).toHaveLength(2);
    expect(server.tokenRequests).toBe(2);
  });

  it("parses problem+json into an ApiError with field errors", async () => {
    server.apiReply = (_req, res) => {
      res.writeHead(422, { "content-type": "application/problem+json" }).end(
        JSON.stringify({
          type: "about:blank",
          title: "Unprocessable Content",
          status: 422,
          detail: "The body is invalid",
          errors: [{ path: "title", message: "Must not be empty" }],
        }),
      );
    };
    const error = await client()
      .request("POST", "/api/user-1/tasks", { body: { title: " " } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 422,
      title: "Unprocessable Content",
      detail: "The body is invalid",
      message: "The body is invalid",
      fieldErrors: [{ path: "title", message: "Must not be empty" }],
    });
  });

  it("turns an error without a problem body into an ApiError with the status", async () => {
    server.apiReply = (_req, res) => {
      res.writeHead(502, { "content-type": "text/html" }).end("<h1>Bad gateway</h1>");
    };
    const error = await client()
      .request("GET", "/a")
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ApiError", status: 502, fieldErrors: [] });
  });

  it("returns undefined for 204 No Content", async () => {
    server.apiReply = (_req, res) => {
      res.writeHead(204).end();
    };
    await expect(client().request("DELETE", "/api/user-1/tasks/1")).resolves.toBeUndefined();
  });

  it("reports an unreachable API as a NetworkError", async () => {
    const closed = createServer();
    closed.listen(0, "127.0.0.1");
    await once(closed, "listening");
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    await once(closed, "close");

    const api = createApiClient({
      apiUrl: `http://127.0.0.1:${port}`,
      tokenUrl: `${origin}/api/auth/token`,
      onSessionExpired: () => {},
    });
    const error = await api.request("GET", "/a").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toMatch(/can't reach the server/i);
  });

  it("calls the session-gone hook once when the token endpoint answers 401", async () => {
    server.sessionGone = true;
    server.tokenDelayMs = 20;
    const api = client();
    const results = await Promise.allSettled([api.request("GET", "/a"), api.request("GET", "/b")]);
    for (const result of results) {
      expect(result.status).toBe("rejected");
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(SessionExpiredError);
    }
    expect(sessionExpiredCalls).toBe(1);
    expect(server.apiRequests).toHaveLength(0);
  });

  it("takes tokens from a given source instead of the token endpoint, and caches them", async () => {
    let issued = 0;
    const api = createApiClient({
      apiUrl: origin,
      fetchToken: async () => tokenExpiringIn(900, ++issued),
    });
    await api.request("GET", "/a");
    await api.request("GET", "/b");
    expect(issued).toBe(1);
    expect(server.tokenRequests).toBe(0);
    expect(server.apiRequests.map((r) => r.authorization)).toEqual([
      `Bearer ${tokenExpiringIn(900, 1)}`,
      `Bearer ${tokenExpiringIn(900, 1)}`,
    ]);
  });

  it("gives up on a request that outlasts timeoutMs", async () => {
    server.apiReply = (_req, res) => {
      setTimeout(() => res.writeHead(204).end(), 2_000);
    };
    const api = createApiClient({
      apiUrl: origin,
      tokenUrl: `${origin}/api/auth/token`,
      timeoutMs: 100,
    });
    // Without the deadline this resolves (204) after 2 s instead.
    const error = await api.request("GET", "/slow").catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "TimeoutError" });
  });

  it("downloads a file body with the name from Content-Disposition, refreshing a refused token", async () => {
    const api = client();
    await api.request("GET", "/api/user-1/tasks");
    server.refused.add(server.apiRequests[0]?.authorization.replace("Bearer ", "") ?? "");
    server.apiReply = (_req, res) => {
      res
        .writeHead(200, {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": 'attachment; filename="todo-export-2026-12-02.csv"',
        })
        .end("id,title\r\n1,a\r\n");
    };
    const file = await api.download("/api/user-1/export?format=csv");
    expect(file.filename).toBe("todo-export-2026-12-02.csv");
    expect(await file.blob.text()).toBe("id,title\r\n1,a\r\n");
    expect(server.tokenRequests).toBe(2);
  });

  it("refuses a download with the API's problem", async () => {
    server.apiReply = (_req, res) => {
      res
        .writeHead(429, { "content-type": "application/problem+json" })
        .end(
          '{"type":"about:blank","title":"Too Many Requests","status":429,"detail":"Slow down."}',
        );
    };
    const error = await client()
      .download("/api/user-1/export")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, detail: "Slow down." });
  });
});

/** An API that answers 429 with `retry-after` to the first `times` requests, then as usual. */
function tooManyFirst(times: number, retryAfter: string) {
  let answered = 0;
  server.apiReply = (_req, res) => {
    if (answered++ < times) {
      res
        .writeHead(429, { "content-type": "application/problem+json", "retry-after": retryAfter })
        .end(
          '{"type":"about:blank","title":"Too Many Requests","status":429,"detail":"Slow down."}',
        );
      return;
    }
    res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
  };
}

/** How long `promise` took to settle, and how: its value or its error. */
async function timed(
  promise: Promise<unknown>,
): Promise<{ value?: unknown; error?: unknown; ms: number }> {
  const started = performance.now();
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  return { ...outcome, ms: performance.now() - started };
}

describe("api client after a 429", () => {
  it("waits out a short Retry-After, then sends the request again, a POST too", async () => {
    tooManyFirst(1, "1");
    const { value, ms } = await timed(
      client().request("POST", "/api/user-1/tasks", { body: { title: "a" } }),
    );
    expect(value).toEqual({ ok: true });
    expect(ms).toBeGreaterThanOrEqual(950);
    expect(server.apiRequests.map((sent) => [sent.method, sent.body])).toEqual([
      ["POST", '{"title":"a"}'],
      ["POST", '{"title":"a"}'],
    ]);
  });

  it("waits out the token endpoint's X-Retry-After, then asks it again", async () => {
    server.tokenTooMany = ["1"];
    const { value, ms } = await timed(client().request("GET", "/api/user-1/tasks"));
    expect(value).toEqual({ ok: true });
    expect(ms).toBeGreaterThanOrEqual(950);
    expect(server.tokenRequests).toBe(2);
    expect(server.apiRequests).toHaveLength(1);
  });

  it("reports a wait over 10 seconds at once, without retrying", async () => {
    tooManyFirst(1, "11");
    const { error, ms } = await timed(client().request("GET", "/a"));
    expect(error).toMatchObject({ name: "ApiError", status: 429, detail: "Slow down." });
    expect(ms).toBeLessThan(5_000);
    expect(server.apiRequests).toHaveLength(1);

    server.tokenRequests = 0;
    server.tokenTooMany = ["11"];
    const fromTokenEndpoint = await timed(client().request("GET", "/b"));
    // Better Auth's 429 carries no problem detail: the client words the wait itself.
    expect(fromTokenEndpoint.error).toMatchObject({
      name: "ApiError",
      status: 429,
      message: "Too many attempts. Please wait 11 seconds and try again.",
    });
    expect(fromTokenEndpoint.ms).toBeLessThan(5_000);
    expect(server.tokenRequests).toBe(1);
  });

  it("waits no longer than its timeoutMs", async () => {
    tooManyFirst(1, "2");
    const api = createApiClient({
      apiUrl: origin,
      tokenUrl: `${origin}/api/auth/token`,
      timeoutMs: 500,
    });
    const { error, ms } = await timed(api.request("GET", "/a"));
    expect(error).toMatchObject({ name: "ApiError", status: 429 });
    expect(ms).toBeLessThan(1_800);
    expect(server.apiRequests).toHaveLength(1);
  });

  it("reports the second 429 of the API or of the token endpoint", async () => {
    tooManyFirst(2, "1");
    const fromApi = await timed(client().request("GET", "/a"));
    expect(fromApi.error).toMatchObject({ name: "ApiError", status: 429, detail: "Slow down." });
    expect(fromApi.ms).toBeGreaterThanOrEqual(950);
    expect(server.apiRequests).toHaveLength(2);

    server.tokenRequests = 0;
    server.tokenTooMany = ["1", "1"];
    const fromTokenEndpoint = await timed(client().request("GET", "/b"));
    expect(fromTokenEndpoint.error).toMatchObject({ name: "ApiError", status: 429 });
    expect(server.tokenRequests).toBe(2);
    expect(server.apiRequests).toHaveLength(2);
  });

  it("stops waiting when the caller aborts, rejecting with the abort and sending nothing more", async () => {
    tooManyFirst(1, "2");
    const api = client();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const { error, ms } = await timed(api.request("GET", "/a", { signal: controller.signal }));
    expect(error).toMatchObject({ name: "AbortError" });
    expect(ms).toBeLessThan(1_800);

    server.tokenTooMany = ["2"];
    const tokenWait = new AbortController();
    setTimeout(() => tokenWait.abort(), 200);
    const fromTokenEndpoint = await timed(
      client().request("GET", "/b", { signal: tokenWait.signal }),
    );
    expect(fromTokenEndpoint.error).toMatchObject({ name: "AbortError" });
    expect(fromTokenEndpoint.ms).toBeLessThan(1_800);

    // Past the end of both waits: the aborted request was not sent again.
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    expect(server.apiRequests.map((sent) => sent.url)).toEqual(["/a"]);
  });
});
