/**
 * Issue 2's figures: list, get, post and complete at 32 connections; the list against a bare
 * floor server; server CPU per request; the HS256 verification micro-benchmark.
 */
import { type ChildProcess, fork } from "node:child_process";
import { createHmac } from "node:crypto";
import { once } from "node:events";
import type { Task } from "@todo/contract/task";
import { freePort } from "@todo/db/embedded";
import { API_DIR } from "@todo/stack/api-server";
import type autocannon from "autocannon";
import { jwtVerify } from "jose";
import { createHs256Verifier } from "../src/auth/token-verifier";
import {
  AUTH_URL,
  bearer,
  cpuMs,
  type LoadResult,
  median,
  print,
  QUICK,
  run,
  SECRET,
} from "./support";

export const CONNECTIONS = 32;
export const DURATION_S = QUICK ? 4 : 10;
export const TASKS = 50;
/** Alternating rounds of the list and its floor (each DURATION_S / 2 long). */
export const ROUNDS = 3;

/** bench/floor-server.ts for `userId` (and the task `taskId` of that user). */
export async function startFloor(
  databaseUrl: string,
  userId: string,
  taskId?: number,
): Promise<ChildProcess & { url: string }> {
  const port = await freePort();
  const args = [databaseUrl, userId, String(port), ...(taskId ? [String(taskId)] : [])];
  const child = fork("bench/floor-server.ts", args, {
    cwd: API_DIR,
    execArgv: ["--import", "tsx"],
  });
  await once(child, "message");
  return Object.assign(child, { url: `http://127.0.0.1:${port}/` });
}

function measure(name: string, options: autocannon.Options, duration: number) {
  return run(name, { ...options, connections: CONNECTIONS, duration });
}

async function load(name: string, options: autocannon.Options): Promise<LoadResult> {
  // A short warm-up lets the JIT and the pool settle before measuring.
  await run(name, { ...options, connections: CONNECTIONS, duration: 2 });
  const figures = await measure(name, options, DURATION_S);
  print(figures);
  return figures;
}

/**
 * The API and the floor in alternating rounds, each figure the median of its rounds, so a
 * change in background load hits both sides alike.
 */
async function compare(
  a: { name: string; options: autocannon.Options },
  b: { name: string; options: autocannon.Options },
): Promise<[LoadResult, LoadResult]> {
  for (const side of [a, b])
    await run(side.name, { ...side.options, connections: CONNECTIONS, duration: 2 });
  const rounds: [LoadResult[], LoadResult[]] = [[], []];
  for (let round = 0; round < ROUNDS; round++) {
    rounds[0].push(await measure(a.name, a.options, DURATION_S / 2));
    rounds[1].push(await measure(b.name, b.options, DURATION_S / 2));
  }
  const combine = (results: LoadResult[], name: string): LoadResult => ({
    name,
    rps: median(results.map((r) => r.rps)),
    p50: median(results.map((r) => r.p50)),
    p99: median(results.map((r) => r.p99)),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
  });
  const result: [LoadResult, LoadResult] = [combine(rounds[0], a.name), combine(rounds[1], b.name)];
  result.forEach(print);
  return result;
}

/**
 * Server CPU per request over a fixed number of requests: unlike requests/s, it does not
 * depend on what else runs on the machine.
 */
async function cpuPerRequest(pid: number, options: autocannon.Options): Promise<number> {
  const amount = 3000;
  const before = cpuMs(pid);
  await run("cpu", { ...options, connections: 8, amount });
  return (cpuMs(pid) - before) / amount;
}

/** Verifications per second on this thread for `seconds`, cycling through distinct tokens. */
async function opsPerSecond(
  tokens: string[],
  verify: (token: string) => unknown,
  seconds: number,
): Promise<number> {
  let operations = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    for (let i = 0; i < 1000; i++) {
      const result = verify(tokens[(operations + i) % tokens.length] as string);
      if (result instanceof Promise) await result;
    }
    operations += 1000;
  }
  return Math.round(operations / seconds);
}

export interface TokenFigures {
  fastJwt: number;
  jose: number;
  bareHmac: number;
}

/** Run first, while none of the servers run. */
export async function tokenBenchmark(): Promise<TokenFigures> {
  const tokens = await Promise.all(
    Array.from({ length: 1000 }, async (_, i) => (await bearer(`user-${i}`)).slice(7)),
  );
  const verify = createHs256Verifier(SECRET, AUTH_URL);
  if (!verify(tokens[0] as string)) throw new Error("benchmark token did not verify");
  const key = new TextEncoder().encode(SECRET);
  const hmacKey = Buffer.from(SECRET);
  const results = {
    fastJwt: await opsPerSecond(tokens, verify, 3),
    jose: await opsPerSecond(
      tokens,
      (t) => jwtVerify(t, key, { algorithms: ["HS256"], issuer: AUTH_URL, audience: AUTH_URL }),
      2,
    ),
    bareHmac: await opsPerSecond(
      tokens,
      (t) => {
        const dot = t.lastIndexOf(".");
        return (
          createHmac("sha256", hmacKey).update(t.slice(0, dot)).digest("base64url") ===
          t.slice(dot + 1)
        );
      },
      2,
    ),
  };
  console.log(
    `HS256 verifications/s (one core): fast-jwt ${results.fastJwt}, jose ${results.jose}, bare HMAC ${results.bareHmac}`,
  );
  return results;
}

export interface EndpointFigures {
  list: LoadResult;
  floor: LoadResult;
  getOne: LoadResult;
  complete: LoadResult;
  post: LoadResult;
  apiCpu: number;
  floorCpu: number;
  /** The user with TASKS tasks whose list the other parts reuse. */
  userId: string;
  authorization: string;
}

export async function endpointBenchmark(
  base: string,
  apiPid: number,
  databaseUrl: string,
): Promise<EndpointFigures> {
  const userId = "bench-user";
  const authorization = await bearer(userId);
  const ids: number[] = [];
  for (let i = 0; i < TASKS; i++) {
    const response = await fetch(`${base}/api/${userId}/tasks`, {
      method: "POST",
      headers: { authorization, "content-type": "application/json" },
      body: JSON.stringify({
        title: `Benchmark task ${i}`,
        description: i % 2 ? "Some description text for the task." : null,
        priority: ["low", "medium", "high"][i % 3],
        due_date: i % 4 ? `2026-12-${String((i % 28) + 1).padStart(2, "0")}T12:00:00Z` : null,
        tags: ["bench", `t${i % 5}`],
      }),
    });
    ids.push(((await response.json()) as Task).id);
  }
  const floorServer = await startFloor(databaseUrl, userId);
  try {
    console.log(`${CONNECTIONS} connections, ${DURATION_S} s per run, ${TASKS} tasks`);
    const headers = { authorization };
    let cycle = 0;
    const nextTask = () => ids[cycle++ % ids.length];
    const list = {
      name: "GET list (limit 50)",
      options: { url: `${base}/api/${userId}/tasks?limit=50`, headers },
    };
    const floor = {
      name: "floor: same list query, bare http",
      options: { url: floorServer.url },
    };
    const [listResult, floorResult] = await compare(list, floor);
    const apiCpu = await cpuPerRequest(apiPid, list.options);
    const floorCpu = await cpuPerRequest(floorServer.pid as number, floor.options);
    console.log(
      `server CPU per list request: API ${apiCpu.toFixed(3)} ms, floor ${floorCpu.toFixed(3)} ms`,
    );
    const getOne = await load("GET one", {
      url: base,
      headers,
      requests: [
        { setupRequest: (request) => ({ ...request, path: `/api/${userId}/tasks/${nextTask()}` }) },
      ],
    });
    const complete = await load("PATCH …/complete", {
      url: base,
      method: "PATCH",
      headers,
      requests: [
        {
          method: "PATCH",
          setupRequest: (request) => ({
            ...request,
            path: `/api/${userId}/tasks/${nextTask()}/complete`,
          }),
        },
      ],
    });
    const post = await load("POST", {
      url: `${base}/api/${userId}/tasks`,
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ title: "Load test task", priority: "high", tags: ["load"] }),
    });
    return {
      list: listResult,
      floor: floorResult,
      getOne,
      complete,
      post,
      apiCpu,
      floorCpu,
      userId,
      authorization,
    };
  } finally {
    floorServer.kill("SIGTERM");
    await once(floorServer, "exit").catch(() => {});
  }
}
