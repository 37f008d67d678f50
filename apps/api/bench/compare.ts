/**
 * `npm run bench` (first part): the API against the FastAPI reference (the seed's own stack,
 * `../shared/bench/fastapi-ref` beside the repository) in the same run, alternating, under wrk
 * (one thread, 32 connections), each on its own PostgreSQL 15 (`../shared/bench/pg.sh`); with
 * the API's CPU time per GET of one task and a bare floor (bench/floor-server.ts: node:http, the
 * same driver and SQL). Without the reference's Debian packages, the API and its floor alone.
 * Writes "## API against the FastAPI reference" in docs/benchmarks.md.
 *
 * Needs wrk (Debian: `apt-get install wrk`); skipped with a message otherwise.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "@todo/db/embedded";
import { createTestDatabase, startTestServer } from "@todo/db/test-database";
import { waitForHttp } from "@todo/stack";
import { startFloor } from "./endpoints";
import {
  AUTH_URL,
  bearer,
  cpuMs,
  QUICK,
  SECRET,
  startApi,
  stop,
  treeCpuMs,
  writeReport,
} from "./support";

/** `shared/bench` beside the checkout; BENCH_SHARED_DIR elsewhere (a worktree, say). */
const SHARED_BENCH =
  process.env.BENCH_SHARED_DIR ??
  fileURLToPath(new URL("../../../../shared/bench/", import.meta.url));
const PG_SH = join(SHARED_BENCH, "pg.sh");
const REFERENCE = join(SHARED_BENCH, "fastapi-ref/run.sh");
const SECONDS = Number(process.env.COMPARE_SECONDS ?? (QUICK ? 3 : 8));
const ROUNDS = Number(process.env.COMPARE_ROUNDS ?? (QUICK ? 1 : 3));
const CONNECTIONS = 32;
const TASKS = 50;
/** Against the reference: issue 10's targets (API / reference). */
const TARGETS = { list50: 3, get: 3, create: 2, complete: 2 } as const;
/**
 * The API alone (the reference has no lists): issue 11's views beside the plain list of the same
 * user, so that both serialize the same kind of task (with due dates and a list).
 */
const VIEWS = ["list50-views-user", "list50-in-list", "today"] as const;
const ALL_SCENARIOS = [...(Object.keys(TARGETS) as (keyof typeof TARGETS)[]), ...VIEWS];
type Scenario = (typeof ALL_SCENARIOS)[number];
/** `COMPARE_SCENARIOS=create,get` runs only those (profiling one path); the report needs all. */
const SCENARIOS = process.env.COMPARE_SCENARIOS
  ? ALL_SCENARIOS.filter((s) => process.env.COMPARE_SCENARIOS?.split(",").includes(s))
  : ALL_SCENARIOS;
const isView = (scenario: Scenario) => (VIEWS as readonly string[]).includes(scenario);

interface Server {
  name: "api" | "reference" | "floor";
  origin: string;
  pid: number;
  /** The seeded user (50 tasks), one of its tasks, and a second user who receives creates. */
  user: string;
  token: string;
  taskId: number;
  writer: string;
  writerToken: string;
  /** The API's views user: TASKS tasks in one list, due before today, and some due later. */
  views?: ViewsUser;
}

interface ViewsUser {
  user: string;
  token: string;
  listId: number;
}

interface WrkResult {
  rps: number;
  requests: number;
  p99: string;
  non2xx: number;
}

const has = (command: string) => spawnSync("sh", ["-c", `command -v ${command}`]).status === 0;

function referenceAvailable(): string | null {
  if (!existsSync(REFERENCE) || !existsSync(PG_SH)) return `${SHARED_BENCH} not found`;
  if (!existsSync("/usr/lib/postgresql/15/bin/initdb")) return "postgresql-15 is not installed";
  const modules = "import fastapi, uvicorn, jwt, asyncpg";
  if (spawnSync("/usr/bin/python3", ["-c", modules]).status !== 0) {
    return "the reference's Debian packages (python3-fastapi …) are not installed";
  }
  return null;
}

/** A throwaway PostgreSQL 15 cluster (pg.sh); its URL, postmaster and how to stop it. */
function pgCluster(port: number): { url: string; pid: number; stop: () => void } {
  const started = spawnSync(PG_SH, [String(port)], { encoding: "utf8" });
  if (started.status !== 0) throw new Error(`pg.sh ${port} failed: ${started.stderr}`);
  // pg.sh keeps the cluster in /tmp/pg-PORT; postmaster.pid starts with the server's pid.
  const pid = Number(readFileSync(`/tmp/pg-${port}/data/postmaster.pid`, "utf8").split("\n")[0]);
  return {
    url: started.stdout.trim(),
    pid,
    stop: () => void spawnSync(PG_SH, ["stop", String(port)]),
  };
}

async function startReference(
  databaseUrl: string,
): Promise<{ child: ChildProcess; origin: string }> {
  const port = await freePort();
  const child = spawn(REFERENCE, [], {
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: databaseUrl,
      BETTER_AUTH_SECRET: SECRET,
      BETTER_AUTH_URL: AUTH_URL,
      API_PORT: String(port),
      RATE_LIMIT_PER_MINUTE: "100000000",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const origin = `http://127.0.0.1:${port}`;
  await waitForHttp(`${origin}/healthz`, { timeoutMs: 60_000 });
  return { child, origin };
}

/** One user with TASKS tasks (as wrk-compare.sh seeds them) and one who receives the creates. */
async function seed(origin: string): Promise<Omit<Server, "name" | "pid">> {
  const suffix = `${process.pid}${Date.now()}`;
  const user = `bench-${suffix}`;
  const writer = `bench-writer-${suffix}`;
  const token = await bearer(user);
  let taskId = 0;
  for (let i = 1; i <= TASKS; i++) {
    const response = await fetch(`${origin}/api/${user}/tasks`, {
      method: "POST",
      headers: { authorization: token, "content-type": "application/json" },
      body: JSON.stringify({
        title: `task ${i}`,
        priority: i % 3 === 0 ? "high" : "low",
        tags: [`t${i % 5}`],
        description: "seeded for the benchmark",
      }),
    });
    if (response.status !== 201) throw new Error(`seeding ${origin}: ${response.status}`);
    taskId = ((await response.json()) as { id: number }).id;
  }
  return { origin, user, token, taskId, writer, writerToken: await bearer(writer) };
}

/**
 * A user of lists and due dates (API only): TASKS open tasks in one list, due over the past days
 * (the Today view shows them, overdue), and TASKS / 2 in no list, due next week.
 */
async function seedViews(origin: string): Promise<ViewsUser> {
  const user = `bench-views-${process.pid}${Date.now()}`;
  const token = await bearer(user);
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${origin}/api/${user}/${path}`, {
      method: "POST",
      headers: { authorization: token, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (response.status !== 201) throw new Error(`seeding views: ${response.status}`);
    return (await response.json()) as { id: number };
  };
  const { id: listId } = await post("lists", { name: "Bench" });
  const day = 24 * 3600 * 1000;
  for (let i = 1; i <= TASKS * 1.5; i++) {
    const inList = i <= TASKS;
    await post("tasks", {
      title: `task ${i}`,
      priority: i % 3 === 0 ? "high" : "low",
      tags: [`t${i % 5}`],
      description: "seeded for the benchmark",
      list_id: inList ? listId : null,
      due_date: new Date(Date.now() + (inList ? -(1 + (i % 5)) : 7) * day).toISOString(),
    });
  }
  return { user, token, listId };
}

/** What the web app asks for in the Today view (features/tasks/api/view-filters.ts). */
function todayQuery(): string {
  const now = new Date();
  const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).toISOString();
  return `limit=${TASKS}&status=pending&sort=due_date&order=asc&due_before=${encodeURIComponent(tomorrow)}`;
}

function wrk(server: Server, scenario: Scenario, seconds: number, scripts: string): WrkResult {
  const { origin, user, taskId } = server;
  let path = `/api/${user}/tasks?limit=50`;
  let token = server.token;
  const script: string[] = [];
  if (server.views && isView(scenario)) {
    token = server.views.token;
    const query = {
      "list50-views-user": `limit=${TASKS}`,
      "list50-in-list": `limit=${TASKS}&list_id=${server.views.listId}`,
      today: todayQuery(),
    }[scenario as (typeof VIEWS)[number]];
    path = `/api/${server.views.user}/tasks?${query}`;
  } else if (server.name === "floor") path = scenario === "get" ? "/task" : "/";
  else if (scenario === "get") path = `/api/${user}/tasks/${taskId}`;
  else if (scenario === "create") {
    path = `/api/${server.writer}/tasks`;
    token = server.writerToken;
    script.push("-s", join(scripts, "post.lua"));
  } else if (scenario === "complete") {
    path = `/api/${user}/tasks/${taskId}/complete`;
    script.push("-s", join(scripts, "patch.lua"));
  }
  const args = ["-t1", `-c${CONNECTIONS}`, `-d${seconds}s`, "--latency", ...script];
  const run = spawnSync("wrk", [...args, "-H", `authorization: ${token}`, `${origin}${path}`], {
    encoding: "utf8",
  });
  const out = run.stdout;
  const number = (pattern: RegExp) => Number(out.match(pattern)?.[1] ?? 0);
  return {
    rps: number(/Requests\/sec:\s+([\d.]+)/),
    requests: number(/(\d+) requests in/),
    p99: out.match(/\s99%\s+(\S+)/)?.[1] ?? "?",
    non2xx: number(/Non-2xx or 3xx responses: (\d+)/),
  };
}

const n = (value: number) => Math.round(value).toLocaleString("en-US");

async function main() {
  if (!has("wrk")) {
    console.log("compare: wrk is not installed (apt-get install wrk); skipped");
    return;
  }
  const loadAtStart = loadavg().map((value) => value.toFixed(2));
  const startedAt = new Date();
  const missing = referenceAvailable();
  if (missing) console.log(`compare: no FastAPI reference: ${missing}`);

  const cleanup: (() => Promise<void> | void)[] = [];
  const scripts = mkdtempSync(join(tmpdir(), "todo-compare-"));
  cleanup.push(() => rmSync(scripts, { recursive: true, force: true }));
  writeFileSync(
    join(scripts, "post.lua"),
    `wrk.method = "POST"\nwrk.body = '{"title":"from wrk","priority":"high","tags":["bench"]}'\nwrk.headers["content-type"] = "application/json"\n`,
  );
  writeFileSync(join(scripts, "patch.lua"), `wrk.method = "PATCH"\n`);
  try {
    // Each server on its own PostgreSQL: PostgreSQL 15 clusters when the reference runs.
    let apiServerUrl: string;
    let referenceDatabase: string | undefined;
    /** The API's PostgreSQL server, whose CPU per request is reported (pg.sh clusters only). */
    let apiDatabasePid: number | undefined;
    if (!missing) {
      const apiCluster = pgCluster(await freePort());
      cleanup.push(apiCluster.stop);
      apiDatabasePid = apiCluster.pid;
      const referenceCluster = pgCluster(await freePort());
      cleanup.push(referenceCluster.stop);
      apiServerUrl = apiCluster.url;
      referenceDatabase = referenceCluster.url;
    } else {
      const embedded = await startTestServer(process.env.TEST_DATABASE_URL);
      cleanup.push(embedded.stop);
      apiServerUrl = embedded.url;
    }
    // The API's own role, as in production; migrated by its owner.
    const database = await createTestDatabase(apiServerUrl);
    const api = await startApi(database.roleUrls.api);
    cleanup.push(() => stop(api.child));
    const servers: Server[] = [];
    const apiSeed = await seed(api.base);
    servers.push({
      name: "api",
      pid: api.child.pid as number,
      ...apiSeed,
      views: await seedViews(api.base),
    });
    if (referenceDatabase) {
      const reference = await startReference(referenceDatabase);
      cleanup.push(() => stop(reference.child));
      servers.push({
        name: "reference",
        pid: reference.child.pid as number,
        ...(await seed(reference.origin)),
      });
    }
    const floor = await startFloor(database.roleUrls.api, apiSeed.user, apiSeed.taskId);
    cleanup.push(() => stop(floor));
    servers.push({
      ...apiSeed,
      name: "floor",
      pid: floor.pid as number,
      origin: floor.url.replace(/\/$/, ""),
    });

    console.log(
      `${availableParallelism()} cores, load average ${loadAtStart.join(" ")}; ${ROUNDS} rounds of ${SECONDS} s`,
    );
    // Warm-up: the JIT and the pools settle before anything is measured.
    for (const server of servers) wrk(server, "get", 2, scripts);

    const totals = new Map<string, { rps: number; p99: string; non2xx: number }>();
    /** The API's and its database's CPU time over each scenario's measured runs. */
    const apiCpu = new Map<Scenario, { api: number; db: number; requests: number }>();
    /** The reference's CPU time (its one process) over each scenario's measured runs. */
    const referenceCpu = new Map<Scenario, { ms: number; requests: number }>();
    const dbCpuMs = () => (apiDatabasePid ? treeCpuMs(apiDatabasePid) : 0);
    for (let round = 0; round < ROUNDS; round++) {
      for (const scenario of SCENARIOS) {
        const taking = servers.filter((s) =>
          isView(scenario)
            ? s.name === "api"
            : s.name !== "floor" || scenario === "get" || scenario === "list50",
        );
        // Who goes first alternates, so a change in background load hits each side alike.
        const order = round % 2 === 0 ? taking : [...taking].reverse();
        const line: string[] = [];
        for (const server of order) {
          const cpuBefore = cpuMs(server.pid);
          const dbBefore = dbCpuMs();
          const result = wrk(server, scenario, SECONDS, scripts);
          if (server.name === "reference") {
            const spent = referenceCpu.get(scenario) ?? { ms: 0, requests: 0 };
            referenceCpu.set(scenario, {
              ms: spent.ms + cpuMs(server.pid) - cpuBefore,
              requests: spent.requests + result.requests,
            });
          }
          if (server.name === "api") {
            const spent = apiCpu.get(scenario) ?? { api: 0, db: 0, requests: 0 };
            apiCpu.set(scenario, {
              api: spent.api + cpuMs(server.pid) - cpuBefore,
              db: spent.db + dbCpuMs() - dbBefore,
              requests: spent.requests + result.requests,
            });
          }
          const key = `${server.name} ${scenario}`;
          const total = totals.get(key) ?? { rps: 0, p99: "", non2xx: 0 };
          totals.set(key, {
            rps: total.rps + result.rps,
            p99: result.p99,
            non2xx: total.non2xx + result.non2xx,
          });
          line.push(`${server.name} ${n(result.rps)} req/s (p99 ${result.p99})`);
        }
        console.log(`round ${round + 1} ${scenario}: ${line.join(" | ")}`);
      }
    }
    const loadAtEnd = loadavg().map((value) => value.toFixed(2));
    const mean = (key: string) => (totals.get(key)?.rps ?? 0) / ROUNDS;
    const withReference = servers.some((s) => s.name === "reference");
    const targeted = Object.keys(TARGETS) as (keyof typeof TARGETS)[];
    const rows = targeted.map((scenario) => {
      const apiRps = mean(`api ${scenario}`);
      const referenceRps = mean(`reference ${scenario}`);
      const floorRps = mean(`floor ${scenario}`);
      const ratio = withReference ? apiRps / referenceRps : Number.NaN;
      const errors =
        (totals.get(`api ${scenario}`)?.non2xx ?? 0) +
        (totals.get(`reference ${scenario}`)?.non2xx ?? 0);
      return {
        scenario,
        line: `| ${scenario} | ${n(apiRps)} | ${withReference ? n(referenceRps) : "—"} | ${withReference ? `**${ratio.toFixed(2)}×**` : "—"} | ≥ ${TARGETS[scenario]}× | ${withReference ? (ratio >= TARGETS[scenario] ? "yes" : "**no**") : "—"} | ${floorRps ? n(floorRps) : "—"} | ${totals.get(`api ${scenario}`)?.p99} | ${withReference ? totals.get(`reference ${scenario}`)?.p99 : "—"} | ${errors} |`,
        ratio,
      };
    });
    const plainList = mean("api list50-views-user");
    const viewRows = VIEWS.map(
      (scenario) =>
        `| ${scenario} | ${n(mean(`api ${scenario}`))} | ${n(plainList)} | **${(mean(`api ${scenario}`) / plainList).toFixed(2)}×** | ${totals.get(`api ${scenario}`)?.p99} | ${totals.get(`api ${scenario}`)?.non2xx ?? 0} |`,
    );
    const perRequest = (scenario: Scenario, side: "api" | "db") => {
      const spent = apiCpu.get(scenario);
      return spent ? (spent[side] / spent.requests).toFixed(3) : "—";
    };
    const cpuPerGet = perRequest("get", "api");
    // CPU per request of each server process: what it costs, whatever share of the cores the
    // machine's other work left it.
    const cpuRatios = targeted
      .map((scenario) => {
        const reference = referenceCpu.get(scenario);
        const api = apiCpu.get(scenario);
        if (!reference || !api) return null;
        const referenceMs = reference.ms / reference.requests;
        const apiMs = api.api / api.requests;
        return `${scenario} ${referenceMs.toFixed(3)} / ${apiMs.toFixed(3)} ms = **${(referenceMs / apiMs).toFixed(2)}×**`;
      })
      .filter((line) => line !== null);
    const cpuLine = SCENARIOS.map(
      (scenario) =>
        `${scenario} ${perRequest(scenario, "api")}${apiDatabasePid ? ` + ${perRequest(scenario, "db")}` : ""}`,
    ).join("; ");
    const busy = Number(loadAtStart[0]) > 2 * availableParallelism();
    console.log([...rows.map((row) => row.line), ...viewRows].join("\n"));
    console.log(
      `API CPU per GET one: ${cpuPerGet} ms; API + PostgreSQL CPU ms per request: ${cpuLine}`,
    );
    if (cpuRatios.length > 0) console.log(`FastAPI / API CPU per request: ${cpuRatios.join("; ")}`);
    console.log(
      `ratio ${rows.map((row) => `${row.scenario}=${Number.isNaN(row.ratio) ? "—" : row.ratio.toFixed(2)}`).join(" ")}`,
    );

    if (SCENARIOS.length < ALL_SCENARIOS.length) return;
    writeReport(`## API against the FastAPI reference

Measured by \`npm run bench:api\` (\`apps/api/bench/compare.ts\`) on ${startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC: ${availableParallelism()} cores; **load average ${loadAtStart.join(" / ")} at start, ${loadAtEnd.join(" / ")} at the end** (1 / 5 / 15 min; other work on the machine slows every server, which is why the servers alternate and what is compared is their ratio)${QUICK ? "; quick mode" : ""}.

${withReference ? "The API (built by `npm run build` and run by plain `node` from `dist/server.js`, as `npm start` runs it; `NODE_ENV=production`, its own database role) and the FastAPI reference (`../shared/bench/fastapi-ref`: FastAPI 0.92, PyJWT, asyncpg, uvicorn with uvloop and httptools, one worker) each on its own throwaway PostgreSQL 15 (`../shared/bench/pg.sh`: fsync off), both with the rate limit raised" : `The API alone (${missing}); its figures against the floor only`}. Each is seeded through its own API with one user of ${TASKS} tasks, then driven by \`wrk\` (one thread, ${CONNECTIONS} connections, HS256 bearer token) in ${ROUNDS} rounds of ${SECONDS} s per scenario, the servers alternating within each scenario and the first of them alternating between rounds; figures are the mean of the rounds, p99 the last round's. The floor is bare \`node:http\` with the API's driver, pool settings and SQL (\`bench/floor-server.ts\`; the statements return each task's JSON, written by PostgreSQL, which the floor joins into the page as the API does, ADR 0037), against the API's database.

| scenario | API req/s | FastAPI req/s | API / FastAPI | target | met | floor req/s | API p99 | FastAPI p99 | non-2xx |
|---|---|---|---|---|---|---|---|---|---|
${rows.map((row) => row.line).join("\n")}

Lists and views (issue 11), the API alone (the reference has no lists), beside the same user's plain list (\`list50-views-user\`) in the same run:

| scenario | API req/s | plain list req/s | / plain list | API p99 | non-2xx |
|---|---|---|---|---|---|
${viewRows.join("\n")}

- API CPU time per \`GET\` of one task: **${cpuPerGet} ms** (user + system time of the API process over the measured \`get\` runs, from /proc, divided by the requests served; the time PostgreSQL spends is not in it).
${cpuRatios.length > 0 ? `- CPU time per request of the server process, FastAPI / API (each process's user + system time over its measured runs, divided by the requests it served; the work per request, which other jobs on the machine skew less than throughput; the database's work is not in it): ${cpuRatios.join("; ")}.\n` : ""}- CPU ms per request, API${apiDatabasePid ? " + its PostgreSQL server (every backend, from /proc)" : ""}: ${cpuLine}.
${busy ? "- The machine was busy (a load average above twice its cores at the start): absolute figures are far below a quiet machine's, and other jobs slow the servers unevenly; the ratios are indicative, not of record.\n" : ""}- Run with \`npm run bench:api\` (this part: \`npx tsx bench/compare.ts\` in \`apps/api\`). \`BENCH_SHARED_DIR\` points at \`shared/bench\` when it is not beside the checkout; \`COMPARE_SECONDS\` and \`COMPARE_ROUNDS\` change the runs (default 8 s, 3 rounds); \`COMPARE_SCENARIOS=get,create\` runs only those (no report written); \`API_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"\` profiles the API.
- Scenarios: \`list50\` = \`GET /api/{user}/tasks?limit=50\`; \`get\` = \`GET …/tasks/{id}\`; \`create\` = \`POST …/tasks\` (a second user, so the list stays at ${TASKS}); \`complete\` = \`PATCH …/tasks/{id}/complete\` (a toggle); \`list50-views-user\` = \`GET …/tasks?limit=50\` of a third user: ${TASKS} open tasks in one list, due over the past days, and ${TASKS / 2} more in no list, due next week (the newest 50 of them); \`list50-in-list\` = \`GET …/tasks?limit=50&list_id={list}\` of that user: the ${TASKS} in the list; \`today\` = what the web app's Today view asks of that user (\`status=pending&sort=due_date&order=asc&due_before=\` midnight ending today, \`limit=50\`): the same ${TASKS} tasks, overdue.
`);
  } finally {
    for (const step of cleanup.reverse()) await step();
  }
}

await main();
