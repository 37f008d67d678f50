/**
 * `npm run bench:api`: load figures for the API against a bare floor server, and the
 * token-verification micro-benchmark. Servers run as child processes; the load
 * generator runs here, in its own process. Figures go to docs/benchmarks.md ("## API").
 */
import { type ChildProcess, fork } from "node:child_process";
import { createHmac } from "node:crypto";
import { once } from "node:events";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { availableParallelism, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import type { Task } from "@todo/contract/task";
import { createTestDatabase, startTestServer } from "@todo/db/test-database";
import autocannon from "autocannon";
import { jwtVerify, SignJWT } from "jose";
import { createHs256Verifier } from "../src/auth/token-verifier";

const SECRET = "benchmark-secret-with-at-least-32-characters";
const AUTH_URL = "http://localhost:3000";
const CONNECTIONS = 32;
const DURATION_S = 10;
const TASKS = 50;
/** Alternating rounds of the list and its floor (each DURATION_S / 2 long). */
const ROUNDS = 3;
const API_DIR = fileURLToPath(new URL("..", import.meta.url));
const BENCHMARKS_FILE = fileURLToPath(new URL("../../../docs/benchmarks.md", import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === "object" && address ? address.port : 0;
}

function token(sub: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(sub)
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .setIssuer(AUTH_URL)
    .setAudience(AUTH_URL)
    .sign(new TextEncoder().encode(SECRET));
}

async function waitForHealthy(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not become healthy`);
}

function startApi(databaseUrl: string, port: number): ChildProcess {
  return fork("src/server.ts", [], {
    cwd: API_DIR,
    execArgv: ["--import", "tsx"],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      BETTER_AUTH_SECRET: SECRET,
      BETTER_AUTH_URL: AUTH_URL,
      API_PORT: String(port),
      API_HOST: "127.0.0.1",
      RATE_LIMIT_PER_MINUTE: "100000000",
      LOG_LEVEL: "warn",
    },
  });
}

async function startFloor(databaseUrl: string, userId: string, port: number) {
  const child = fork("bench/floor-server.ts", [databaseUrl, userId, String(port)], {
    cwd: API_DIR,
    execArgv: ["--import", "tsx"],
  });
  await once(child, "message");
  return child;
}

interface LoadResult {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function print(figures: LoadResult) {
  console.log(
    `${figures.name.padEnd(34)} ${String(figures.rps).padStart(7)} req/s  p50 ${figures.p50} ms  p99 ${figures.p99} ms${figures.non2xx ? `  (${figures.non2xx} non-2xx/errors!)` : ""}`,
  );
}

async function measure(name: string, options: autocannon.Options, duration: number) {
  const result = await autocannon({ ...options, connections: CONNECTIONS, duration });
  return {
    name,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors,
  };
}

async function load(name: string, options: autocannon.Options): Promise<LoadResult> {
  // A short warm-up lets the JIT and the pool settle before measuring.
  await autocannon({ ...options, connections: CONNECTIONS, duration: 2 });
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
    await autocannon({ ...side.options, connections: CONNECTIONS, duration: 2 });
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
    non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
  });
  const result: [LoadResult, LoadResult] = [combine(rounds[0], a.name), combine(rounds[1], b.name)];
  result.forEach(print);
  return result;
}

/** CPU time (user + system, ms) a child process has used so far, from /proc. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  const msPerTick = 10; // USER_HZ is 100 on Linux
  return (Number(fields[11]) + Number(fields[12])) * msPerTick;
}

/**
 * Server CPU per request over a fixed number of requests: unlike requests/s, it does not
 * depend on what else runs on the machine.
 */
async function cpuPerRequest(pid: number, options: autocannon.Options): Promise<number> {
  const amount = 3000;
  const before = cpuMs(pid);
  await autocannon({ ...options, connections: 8, amount });
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

async function tokenBenchmark() {
  const tokens = await Promise.all(Array.from({ length: 1000 }, (_, i) => token(`user-${i}`)));
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

function writeReport(section: string) {
  let current = "";
  try {
    current = readFileSync(BENCHMARKS_FILE, "utf8");
  } catch {
    current = "# Benchmarks\n";
  }
  const start = current.indexOf("\n## API\n");
  let next = start === -1 ? -1 : current.indexOf("\n## ", start + 1);
  if (start === -1) {
    current = `${current.trimEnd()}\n\n${section}`;
  } else {
    if (next === -1) next = current.length;
    const rest = current.slice(next + 1);
    current = `${current.slice(0, start + 1)}${section.trimEnd()}\n${rest ? `\n${rest}` : ""}`;
  }
  writeFileSync(BENCHMARKS_FILE, `${current.trimEnd()}\n`);
}

async function main() {
  // Other processes on the machine skew every figure; the report says how busy it was.
  const loadAtStart = loadavg()[0]?.toFixed(2);
  // First, while none of our servers run.
  const tokens = await tokenBenchmark();
  const pgServer = await startTestServer(process.env.TEST_DATABASE_URL);
  const database = await createTestDatabase(pgServer.url);
  const children: ChildProcess[] = [];
  try {
    const userId = "bench-user";
    const authorization = `Bearer ${await token(userId)}`;
    const apiPort = await freePort();
    const api = startApi(database.url, apiPort);
    children.push(api);
    const base = `http://127.0.0.1:${apiPort}`;
    await waitForHealthy(`${base}/readyz`);

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
    const floorPort = await freePort();
    const floorServer = await startFloor(database.url, userId, floorPort);
    children.push(floorServer);

    console.log(
      `${availableParallelism()} cores, ${CONNECTIONS} connections, ${DURATION_S} s per run, ${TASKS} tasks`,
    );
    const headers = { authorization };
    let cycle = 0;
    const nextTask = () => ids[cycle++ % ids.length];
    const list = {
      name: "GET list (limit 50)",
      options: { url: `${base}/api/${userId}/tasks?limit=50`, headers },
    };
    const floor = {
      name: "floor: same list query, bare http",
      options: { url: `http://127.0.0.1:${floorPort}/` },
    };
    const [listResult, floorResult] = await compare(list, floor);
    const apiCpu = await cpuPerRequest(api.pid as number, list.options);
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
    const ratio = listResult.rps / floorResult.rps;
    console.log(`list / floor throughput ratio: ${ratio.toFixed(2)} (target ≥ 0.80)`);

    const row = (r: LoadResult) => `| ${r.name} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.non2xx} |`;
    writeReport(
      [
        "## API",
        "",
        `Measured by \`npm run bench:api\` on ${new Date().toISOString().slice(0, 10)}: ${availableParallelism()} cores, ` +
          `autocannon with ${CONNECTIONS} connections for ${DURATION_S} s per run (after a 2 s warm-up; the ` +
          `list and its floor alternate in ${ROUNDS} rounds of ${DURATION_S / 2} s, medians shown), ` +
          `in its own process; the API (\`NODE_ENV=production\`, \`LOG_LEVEL=warn\`) and the floor ` +
          `server as child processes; embedded PostgreSQL on the same machine; one user with ${TASKS} tasks. ` +
          `Load average when the run started: ${loadAtStart}.`,
        "",
        "| run | requests/s | p50 ms | p99 ms | non-2xx |",
        "|---|---|---|---|---|",
        row(listResult),
        row(floorResult),
        row(getOne),
        row(complete),
        row(post),
        "",
        `- List throughput against the floor: **${ratio.toFixed(2)}×** (target ≥ 0.80×); ` +
          `list p99 **${listResult.p99} ms** (target ≤ 20 ms). With ${CONNECTIONS} connections the mean ` +
          `latency is connections / throughput (Little's law): the floor itself averages ` +
          `${Math.round((CONNECTIONS / floorResult.rps) * 1000)} ms here, so no server in front of this database ` +
          `on this machine meets the p99 target at this concurrency.`,
        `- Server CPU per list request (fixed 3,000 requests at 8 connections, independent of ` +
          `background load): API **${apiCpu.toFixed(3)} ms**, floor ${floorCpu.toFixed(3)} ms ` +
          `(floor/API = **${(floorCpu / apiCpu).toFixed(2)}×**).`,
        `- HS256 token verification on one core: **${tokens.fastJwt.toLocaleString("en-US")}/s** with fast-jwt ` +
          `(target ≥ 100,000/s); jose \`jwtVerify\` ${tokens.jose.toLocaleString("en-US")}/s; ` +
          `a bare HMAC-SHA256 check ${tokens.bareHmac.toLocaleString("en-US")}/s.`,
        "",
      ].join("\n"),
    );
    console.log(`figures written to ${BENCHMARKS_FILE}`);
  } finally {
    for (const child of children) {
      child.kill("SIGTERM");
      await once(child, "exit").catch(() => {});
    }
    await database.drop();
    await pgServer.stop();
  }
}

await main();
