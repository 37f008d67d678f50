/**
 * Property-based fuzzing of every endpoint through `app.inject`, shared by the seeded run in
 * `npm test` and the long run of `npm run bench`. Requests mix valid and hostile paths,
 * query strings, bodies and headers for several users; every response must hold these
 * properties: no 5xx; no task of anyone but the token's `sub` and the path's user; a
 * status, content type, body and headers as the API's own `/openapi.json` documents them;
 * 401 before 403 before anything else; another user's task indistinguishable from none.
 */

import { isAllDay } from "@todo/contract/due-date";
import fc from "fast-check";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { OpenApiResponses } from "./openapi-responses";
import { signToken } from "./tokens";

export interface FuzzOptions {
  runs: number;
  seed: number;
  secret: string;
}

export interface FuzzReport {
  requests: number;
  statuses: Record<number, number>;
  /** Tasks of the user whom every request targets but none authenticates as, unchanged. */
  bystanderUnchanged: boolean;
}

interface User {
  id: string;
  authorization: string;
}

const ROUTES = ["list", "create", "get", "put", "delete", "complete", "other"] as const;
type Route = (typeof ROUTES)[number];
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const ROUTE_METHODS: Record<Exclude<Route, "other">, (typeof METHODS)[number]> = {
  list: "GET",
  create: "POST",
  get: "GET",
  put: "PUT",
  delete: "DELETE",
  complete: "PATCH",
};

/** Strings that break naive code: controls, escapes, wide characters, SQL and path syntax. */
const nasty = fc.constantFrom(
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\t\n\r",
  "\u001f",
  "\u007f",
  "\u2028",
  "😀",
  "👩‍👩‍👧",
  "é",
  "\ud800",
  "%",
  "%00",
  "_",
  "\\",
  "'; drop table tasks; --",
  "../../etc/passwd",
  "null",
  "undefined",
  "__proto__",
  "constructor",
  "x".repeat(201),
  "😀".repeat(200),
  "😀".repeat(201),
  " padded ",
);
const text = (maxLength: number) =>
  fc.oneof(
    { arbitrary: fc.string({ maxLength }), weight: 3 },
    { arbitrary: fc.string({ unit: "grapheme", maxLength }), weight: 2 },
    { arbitrary: fc.string({ unit: "binary", maxLength: 40 }), weight: 1 },
    { arbitrary: nasty, weight: 2 },
  );
const notAString = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.string(), { maxKeys: 2 }),
);

const instant = (min: string, max: string) =>
  fc.date({ min: new Date(min), max: new Date(max), noInvalidDate: true });
const dueDate = fc.oneof(
  instant("0001-01-01", "9999-12-31").map((date) => date.toISOString()),
  // All-day dates (docs/api.md, Tasks), valid and not.
  instant("0001-01-01", "9999-12-31").map((date) => date.toISOString().slice(0, 10)),
  fc.constantFrom(
    "2026-12-01T17:00:00+02:00",
    "2026-12-01T17:00:00-11:30",
    "2026-12-01T17:00:00.123456Z",
    "2026-02-29T00:00:00Z",
    "2028-02-29T00:00:00Z",
    "2026-12-01",
    "2026-02-29",
    "2026-02-30",
    "2026-12-1",
    "1000-01-01",
    "9999-12-31",
    "2026-12-01T17:00:00",
    "2026-13-01T00:00:00Z",
    "+010000-01-01T00:00:00.000Z",
    "0000-01-01T00:00:00Z",
    "0001-01-01T00:00:00Z",
    "0099-12-31T23:59:59+01:00",
    "1000-01-01T00:00:00+01:00",
    "9999-12-31T23:59:59.999+14:00",
    "tomorrow",
  ),
  fc.constant(null),
);
const timeZones = ["UTC", "Europe/Paris", "Pacific/Kiritimati", "America/Los_Angeles"];
const timeZone = fc.oneof(
  { arbitrary: fc.constantFrom(...timeZones), weight: 4 },
  {
    arbitrary: fc.constantFrom("Mars/Base", "+01:00", "utc+1", "Europe/Paris ", "", null, 1),
    weight: 1,
  },
);
const priority = fc.oneof(
  { arbitrary: fc.constantFrom("low", "medium", "high"), weight: 4 },
  { arbitrary: fc.constantFrom("HIGH", "urgent", "", 1), weight: 1 },
);
const tags = fc.oneof(
  fc.array(text(34), { maxLength: 12 }),
  fc.array(fc.constantFrom("home", "Home", "HOME", "work", " work "), { maxLength: 12 }),
  notAString,
);

const taskFields = {
  title: fc.oneof({ arbitrary: text(210), weight: 5 }, { arbitrary: notAString, weight: 1 }),
  description: fc.oneof(text(1010), fc.constant(null), fc.integer()),
  completed: fc.oneof(
    { arbitrary: fc.boolean(), weight: 4 },
    { arbitrary: fc.constantFrom("true", 1, null), weight: 1 },
  ),
  priority,
  due_date: dueDate,
  time_zone: timeZone,
  tags,
};
const serverFields = {
  id: fc.integer(),
  user_id: fc.string(),
  created_at: fc.constant("2026-01-01T00:00:00Z"),
  version: fc.integer(),
};

/** Well-formed fields, so that a good share of requests reaches the handlers and succeeds. */
const wellFormedTask = fc.record(
  {
    title: fc.string({ minLength: 1, maxLength: 60 }).filter((title) => title.trim() !== ""),
    description: fc.option(fc.string({ maxLength: 100 }), { nil: null }),
    completed: fc.boolean(),
    priority: fc.constantFrom("low", "medium", "high"),
    due_date: fc.option(
      fc.oneof(
        instant("2000-01-01", "2100-01-01").map((date) => date.toISOString()),
        instant("2000-01-01", "2100-01-01").map((date) => date.toISOString().slice(0, 10)),
      ),
      { nil: null },
    ),
    time_zone: fc.constantFrom(...timeZones),
    tags: fc.array(fc.constantFrom("home", "Home", "work", "errand"), { maxLength: 4 }),
  },
  { requiredKeys: ["title"] },
);

const jsonBody = fc.oneof(
  { arbitrary: wellFormedTask, weight: 12 },
  { arbitrary: fc.record(taskFields, { requiredKeys: ["title"] }), weight: 6 },
  { arbitrary: fc.record(taskFields, { requiredKeys: [] }), weight: 6 },
  { arbitrary: fc.record({ completed: taskFields.completed }), weight: 3 },
  { arbitrary: fc.record({ ...taskFields, ...serverFields }, { requiredKeys: [] }), weight: 2 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 2 },
);
const rawBody = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "{",
    "nul",
    "null",
    "[]",
    "42",
    '"text"',
    "{'title': 'x'}",
    '{"title": "a", "title": "b"}',
    '{"title": "x", "__proto__": {"admin": true}}',
    '{"title": "x", "constructor": {"prototype": {"admin": true}}}',
    `{"title": "${"x".repeat(17 * 1024)}"}`,
    `${"[".repeat(5000)}${"]".repeat(5000)}`,
  ),
  fc.string({ maxLength: 60 }),
);
const body = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 3 },
  { arbitrary: jsonBody.map((value) => JSON.stringify(value)), weight: 8 },
  { arbitrary: rawBody, weight: 2 },
);
const contentType = fc.oneof(
  { arbitrary: fc.constant("application/json"), weight: 12 },
  {
    arbitrary: fc.constantFrom(
      undefined,
      "application/json; charset=utf-8",
      "APPLICATION/JSON",
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/jsonx",
      "application/problem+json",
      "",
    ),
    weight: 3,
  },
);

const queryValue = (valid: fc.Arbitrary<string>) =>
  fc.oneof({ arbitrary: valid, weight: 4 }, { arbitrary: text(210), weight: 1 });
const query = fc.record(
  {
    status: queryValue(fc.constantFrom("all", "pending", "completed")),
    priority: queryValue(fc.constantFrom("low", "medium", "high")),
    tag: queryValue(fc.constantFrom("home", "HOME", "work")),
    q: queryValue(fc.constantFrom("a", "%", "_", "\\", "task", "😀")),
    sort: queryValue(fc.constantFrom("created_at", "updated_at", "due_date", "priority", "title")),
    order: queryValue(fc.constantFrom("asc", "desc")),
    limit: queryValue(fc.constantFrom("1", "2", "50", "100", "0", "101", "1e2", "01", " 5")),
    cursor: fc.oneof(
      { arbitrary: fc.constant("known"), weight: 4 },
      { arbitrary: fc.constant("tampered"), weight: 1 },
      { arbitrary: fc.base64String({ maxLength: 80 }), weight: 1 },
    ),
    unknown: fc.string({ maxLength: 8 }),
  },
  { requiredKeys: [] },
);
const rawQuery = fc.constantFrom(
  "%",
  "%zz",
  "limit=%E0%A4%A",
  "=&&=",
  "limit[]=1",
  "status=all&status=pending",
  "__proto__=x",
  "constructor[prototype][x]=1",
  "q=%00",
  `q=${"a".repeat(5000)}`,
);

/** Authorization header variants; `user` is the index of the user whose valid token is sent. */
type Auth =
  | { kind: "valid"; user: number; scheme: string }
  | { kind: "invalid"; token: string; scheme: string }
  | { kind: "raw"; header: string }
  | { kind: "none" };
const auth = (users: number): fc.Arbitrary<Auth> =>
  fc.oneof(
    {
      arbitrary: fc.record({
        kind: fc.constant("valid" as const),
        user: fc.nat(users - 1),
        scheme: fc.constantFrom("Bearer", "bearer", "BEARER"),
      }),
      weight: 16,
    },
    {
      arbitrary: fc.record({
        kind: fc.constant("invalid" as const),
        token: fc.constantFrom(
          "expired",
          "other-secret",
          "alg-none",
          "wrong-issuer",
          "no-sub",
          "huge",
          "truncated",
        ),
        scheme: fc.constantFrom("Bearer", "bearer"),
      }),
      weight: 2,
    },
    {
      arbitrary: fc.record({
        kind: fc.constant("raw" as const),
        header: fc.oneof(
          fc.constantFrom("Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Token abc", "Bearer a.b.c"),
          fc.string({ maxLength: 40 }).map((value) => `Bearer ${value}`),
        ),
      }),
      weight: 1,
    },
    { arbitrary: fc.constant({ kind: "none" as const }), weight: 1 },
  );

/** Which user's path, and which task id, a request names, as choices resolved against the state. */
const pathUser = fc.oneof(
  { arbitrary: fc.constant({ kind: "self" as const }), weight: 12 },
  { arbitrary: fc.record({ kind: fc.constant("other" as const), index: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("raw" as const), value: text(300) }), weight: 1 },
);
const taskId = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant("own" as const), index: fc.nat() }), weight: 10 },
  { arbitrary: fc.record({ kind: fc.constant("foreign" as const), index: fc.nat() }), weight: 3 },
  {
    arbitrary: fc.record({
      kind: fc.constant("raw" as const),
      value: fc.oneof(
        fc.constantFrom(
          "0",
          "-1",
          "1.5",
          "abc",
          "00001",
          "1e3",
          "0x10",
          "٣",
          "%31",
          "%20",
          "9007199254740993",
          "99999999999999999999999999",
          `1${"0".repeat(400)}`,
        ),
        fc.nat().map(String),
      ),
    }),
    weight: 2,
  },
);
const precondition = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 6 },
  { arbitrary: fc.constant("current"), weight: 3 },
  {
    arbitrary: fc.constantFrom('"1-1"', "*", "garbage", 'W/"1-1"', '"1-1", "2-1"', ""),
    weight: 1,
  },
);
const idempotencyKey = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 6 },
  { arbitrary: fc.constantFrom("key-1", "key-2", "key-3"), weight: 3 },
  { arbitrary: fc.stringMatching(/^[\x21-\x7E]{1,255}$/), weight: 1 },
  { arbitrary: fc.constantFrom("", "has space", "é", "k".repeat(256), "\u0000"), weight: 1 },
);
const otherPath = fc.constantFrom(
  "/",
  "/api",
  "/api/",
  "/api//tasks",
  "/api/{self}",
  "/api/{self}/tasks/",
  "/api/{self}/tasks/{id}/",
  "/api/{self}/tasks/{id}/complete/x",
  "/api/{self}/tasks/{id}/completed",
  "/API/{self}/tasks",
  "/api/{self}/TASKS",
  "/nope",
  "/healthz",
  "/readyz",
);

const requestSpec = (users: number) =>
  fc.record({
    route: fc.oneof(
      { arbitrary: fc.constantFrom(...ROUTES.filter((route) => route !== "other")), weight: 12 },
      { arbitrary: fc.constant("other" as const), weight: 1 },
    ),
    method: fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 12 },
      { arbitrary: fc.constantFrom(...METHODS), weight: 1 },
    ),
    otherPath,
    auth: auth(users),
    pathUser,
    taskId,
    query: fc.oneof(
      { arbitrary: query, weight: 8 },
      { arbitrary: rawQuery, weight: 1 },
      { arbitrary: fc.constant(undefined), weight: 3 },
    ),
    body,
    contentType,
    ifMatch: precondition,
    ifNoneMatch: precondition,
    idempotencyKey,
  });
type RequestSpec = ReturnType<typeof requestSpec> extends fc.Arbitrary<infer T> ? T : never;

/** What the run has learned: each user's task ids, their current ETags, cursors seen. */
class FuzzState {
  readonly ids = new Map<string, number[]>();
  readonly etags = new Map<number, string>();
  readonly cursors = new Map<string, string[]>();
  readonly owners = new Map<number, string>();

  addTask(owner: string, id: number, etag: string | undefined) {
    if (!this.owners.has(id)) {
      this.owners.set(id, owner);
      this.ids.set(owner, [...(this.ids.get(owner) ?? []), id]);
    }
    if (etag) this.etags.set(id, etag);
  }
}

const pick = <T>(values: readonly T[], index: number): T | undefined =>
  values.length === 0 ? undefined : values[index % values.length];

interface BuiltRequest {
  options: InjectOptions & { method: string; url: string };
  /** The user whose valid token was sent, if any. */
  sub: string | undefined;
  /** The decoded `{user_id}` of the path. */
  pathUserId: string | undefined;
  targetId: number | undefined;
  route: Route;
}

async function invalidTokens(secret: string, sub: string): Promise<Record<string, string>> {
  const valid = await signToken(sub, { secret });
  const [header, payload] = valid.split(".");
  const none = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
  return {
    expired: await signToken(sub, { secret, expiresIn: -3600 }),
    "other-secret": await signToken(sub, { secret: `${secret}-but-another-one` }),
    "alg-none": `${none}.${payload}.`,
    "wrong-issuer": await signToken(sub, { secret, issuer: "https://evil.example" }),
    "no-sub": await signToken("", { secret }),
    huge: await signToken(sub, { secret, claims: { pad: "x".repeat(9 * 1024) } }),
    truncated: `${header}.${payload}`,
  };
}

/** Runs `runs` generated requests against the app, throwing at the first violated property. */
export async function fuzz(app: FastifyInstance, options: FuzzOptions): Promise<FuzzReport> {
  const unique = `${options.seed}-${Date.now()}`;
  const users: User[] = await Promise.all(
    ["a", "b", "c"].map(async (name) => {
      const id = `fuzz-${name}-${unique}`;
      const token = await signToken(id, { secret: options.secret, expiresIn: 6 * 3600 });
      return { id, authorization: `Bearer ${token}` };
    }),
  );
  const bystander: User = {
    id: `fuzz-bystander-${unique}`,
    authorization: `Bearer ${await signToken(`fuzz-bystander-${unique}`, { secret: options.secret })}`,
  };
  const tokens = await invalidTokens(options.secret, users[0]?.id ?? "");
  const openApi = new OpenApiResponses((await app.inject({ url: "/openapi.json" })).json());
  const problem = openApi.component("Problem");
  const state = new FuzzState();

  // Every user, the bystander included, starts with a few tasks.
  for (const user of [...users, bystander]) {
    for (const title of ["first", "second", "third"]) {
      const response = await app.inject({
        method: "POST",
        url: `/api/${encodeURIComponent(user.id)}/tasks`,
        headers: { authorization: user.authorization },
        payload: { title: `${title} of ${user.id}`, tags: ["home"] },
      });
      if (response.statusCode !== 201) throw new Error(`seeding failed: ${response.body}`);
      const task = response.json() as { id: number };
      state.addTask(user.id, task.id, response.headers.etag as string);
    }
  }
  const bystanderList = async () =>
    (
      await app.inject({
        url: `/api/${encodeURIComponent(bystander.id)}/tasks?limit=100`,
        headers: { authorization: bystander.authorization },
      })
    ).body;
  const bystanderBefore = await bystanderList();
  const everyone = [...users.map((user) => user.id), bystander.id];

  const build = (spec: RequestSpec): BuiltRequest => {
    const sub = spec.auth.kind === "valid" ? users[spec.auth.user]?.id : undefined;
    const self = sub ?? users[0]?.id ?? "";
    const pathUserId =
      spec.pathUser.kind === "self"
        ? self
        : spec.pathUser.kind === "other"
          ? pick(
              everyone.filter((id) => id !== self),
              spec.pathUser.index,
            )
          : spec.pathUser.value;
    // Lone surrogates cannot be percent-encoded; they travel as U+FFFD.
    const userSegment = encodeURIComponent(Buffer.from(pathUserId ?? "").toString());
    let targetId: number | undefined;
    let idSegment: string;
    if (spec.taskId.kind === "raw") {
      idSegment = spec.taskId.value;
    } else {
      const owner = spec.taskId.kind === "own" ? pathUserId : undefined;
      const pool =
        spec.taskId.kind === "own"
          ? (state.ids.get(owner ?? "") ?? [])
          : [...state.owners.keys()].filter((id) => state.owners.get(id) !== pathUserId);
      targetId = pick(pool, spec.taskId.index) ?? 1;
      idSegment = String(targetId);
    }
    const base = `/api/${userSegment}/tasks`;
    let path: string;
    switch (spec.route) {
      case "list":
      case "create":
        path = base;
        break;
      case "get":
      case "put":
      case "delete":
        path = `${base}/${idSegment}`;
        break;
      case "complete":
        path = `${base}/${idSegment}/complete`;
        break;
      case "other":
        path = spec.otherPath.replace("{self}", userSegment).replace("{id}", idSegment);
        break;
    }
    const method =
      spec.method ?? (spec.route === "other" ? "GET" : ROUTE_METHODS[spec.route as "list"]);

    let search = "";
    if (typeof spec.query === "string") {
      search = spec.query;
    } else if (spec.query) {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(spec.query)) {
        if (key === "unknown") params.set(`x-${value}`, value);
        else if (key !== "cursor") params.set(key, value);
      }
      const known = state.cursors.get(pathUserId ?? "") ?? [];
      const cursor = spec.query.cursor;
      if (cursor === "known" || cursor === "tampered") {
        const chosen = pick(known, spec.taskId.kind === "own" ? spec.taskId.index : 0);
        if (chosen) {
          // A cursor only decodes with the sort and order it was issued for.
          const [, sort, order, value] = chosen.match(/^([^|]*)\|([^|]*)\|(.*)$/) ?? [];
          if (sort) params.set("sort", sort);
          if (order) params.set("order", order);
          params.set("cursor", cursor === "known" ? (value ?? "") : `${value}x`);
        }
      } else if (cursor !== undefined) {
        params.set("cursor", cursor);
      }
      search = params.toString();
    }

    const headers: Record<string, string> = {};
    switch (spec.auth.kind) {
      case "valid":
        headers.authorization = `${spec.auth.scheme} ${(users[spec.auth.user]?.authorization ?? "").slice("Bearer ".length)}`;
        break;
      case "invalid":
        headers.authorization = `${spec.auth.scheme} ${tokens[spec.auth.token]}`;
        break;
      case "raw":
        headers.authorization = spec.auth.header;
        break;
    }
    const currentEtag = targetId === undefined ? undefined : state.etags.get(targetId);
    const precondition = (value: string | undefined) =>
      value === "current" ? (currentEtag ?? '"0-0"') : value;
    const ifMatch = precondition(spec.ifMatch);
    if (ifMatch !== undefined) headers["if-match"] = ifMatch;
    const ifNoneMatch = precondition(spec.ifNoneMatch);
    if (ifNoneMatch !== undefined) headers["if-none-match"] = ifNoneMatch;
    if (spec.idempotencyKey !== undefined) headers["idempotency-key"] = spec.idempotencyKey;
    const options: BuiltRequest["options"] = {
      method,
      url: search ? `${path}?${search}` : path,
      headers,
    };
    if (spec.body !== undefined) {
      options.payload = spec.body;
      if (spec.contentType !== undefined) headers["content-type"] = spec.contentType;
    }
    return { options, sub, pathUserId, targetId, route: spec.route };
  };

  const violations = (request: BuiltRequest, response: LightMyRequestResponse): string[] => {
    const found: string[] = [];
    const { method, url } = request.options;
    // The path as it is sent: a URL client (app.inject as much as a browser or curl) resolves
    // "." and ".." segments, so `/api/./tasks/1` reaches the server as `/api/tasks/1`.
    const path = new URL(url, "http://localhost").pathname;
    const status = response.statusCode;
    if (status >= 500) found.push(`a ${status}`);
    const documented = openApi.operation(method, path);
    if (documented) {
      found.push(...openApi.violations(method, path, response));
    } else {
      // No such route or method: a 404 (or 405) problem document whatever the token.
      if (status !== 404 && status !== 405) found.push(`${status} for an unknown route`);
      if (!String(response.headers["content-type"]).startsWith("application/problem+json")) {
        found.push("an unknown route answered without application/problem+json");
      } else if (!problem(response.json())) {
        found.push("an unknown route answered with an invalid problem document");
      }
    }
    if (documented?.startsWith("/api/")) {
      if (request.sub === undefined && status !== 401)
        found.push(`${status} without a valid token`);
      if (request.sub !== undefined && request.sub !== request.pathUserId && status !== 403) {
        found.push(`${status} for another user's path`);
      }
      const foreign =
        request.targetId !== undefined &&
        state.owners.has(request.targetId) &&
        state.owners.get(request.targetId) !== request.pathUserId;
      if (foreign && request.route !== "list" && request.route !== "create") {
        if ([200, 201, 204, 304, 412].includes(status)) {
          found.push(`${status} on another user's task: it must look missing`);
        }
      }
    }
    if (request.route === "create" && status === 201) {
      // What was stored is what was sent: an all-day date as the same date, a date-time as the
      // same instant, and the time zone (UTC unless given).
      const sent = JSON.parse(String(request.options.payload)) as {
        due_date?: unknown;
        time_zone?: unknown;
      };
      const stored = response.json() as { due_date: string | null; time_zone: string };
      if (typeof sent.due_date === "string") {
        const expected = isAllDay(sent.due_date)
          ? sent.due_date
          : new Date(sent.due_date).toISOString();
        if (stored.due_date !== expected) {
          found.push(`due_date ${sent.due_date} came back as ${stored.due_date}`);
        }
      }
      if (stored.time_zone !== (sent.time_zone ?? "UTC")) {
        found.push(`time_zone ${String(sent.time_zone)} came back as ${stored.time_zone}`);
      }
    }
    if (response.body && /json/.test(String(response.headers["content-type"]))) {
      const body = response.json() as { user_id?: unknown; items?: { user_id?: unknown }[] };
      const tasks = [body, ...(Array.isArray(body?.items) ? body.items : [])].filter(
        (item) => item && typeof item === "object" && "user_id" in item,
      );
      for (const task of tasks) {
        if (task.user_id !== request.sub || task.user_id !== request.pathUserId) {
          found.push(`a task of ${String(task.user_id)} served to ${request.sub ?? "nobody"}`);
        }
      }
    }
    return found;
  };

  const learn = (request: BuiltRequest, response: LightMyRequestResponse) => {
    if (response.statusCode >= 300 || !request.pathUserId) return;
    if (request.route === "delete" && request.targetId !== undefined) {
      // Deleted ids stay known (as someone's) but are no longer picked as live tasks.
      const live = state.ids.get(request.pathUserId) ?? [];
      state.ids.set(
        request.pathUserId,
        live.filter((id) => id !== request.targetId),
      );
      return;
    }
    const type = String(response.headers["content-type"] ?? "");
    if (!type.startsWith("application/json")) return;
    const body = response.json() as {
      id?: number;
      next_cursor?: string | null;
    };
    if (typeof body.id === "number") {
      state.addTask(request.pathUserId, body.id, response.headers.etag as string | undefined);
    }
    if (body.next_cursor) {
      const params = new URL(request.options.url, "http://x").searchParams;
      const key = `${params.get("sort") ?? "created_at"}|${params.get("order") ?? "desc"}|${body.next_cursor}`;
      const cursors = state.cursors.get(request.pathUserId) ?? [];
      state.cursors.set(request.pathUserId, [...cursors.slice(-20), key]);
    }
  };

  const statuses: Record<number, number> = {};
  let requests = 0;
  await fc.assert(
    fc.asyncProperty(requestSpec(users.length), async (spec) => {
      const request = build(spec);
      const response = await app.inject(request.options);
      requests++;
      statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
      const found = violations(request, response);
      if (found.length > 0) {
        throw new Error(
          `${request.options.method} ${request.options.url} → ${response.statusCode}: ${found.join("; ")}\n` +
            `request headers: ${JSON.stringify(request.options.headers)}\n` +
            `request body: ${String(request.options.payload).slice(0, 300)}\n` +
            `response: ${response.body.slice(0, 500)}`,
        );
      }
      learn(request, response);
    }),
    { numRuns: options.runs, seed: options.seed, endOnFailure: true },
  );
  return { requests, statuses, bystanderUnchanged: (await bystanderList()) === bystanderBefore };
}
