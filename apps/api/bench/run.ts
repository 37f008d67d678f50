/**
 * `npm run bench` (first part): every API figure of issues 2 and 4 in one run, written to
 * docs/benchmarks.md ("## API"; other sections kept) and docs/bench-api.svg. Servers run as
 * child processes on loopback; the load generator (autocannon) runs here, in its own process.
 *
 * BENCH_QUICK=1 shortens every run; SOAK_SECONDS (default 300), MIXED_REQUESTS (default
 * 100,000), FUZZ_RUNS (default 10,000) and FUZZ_SEED override single parts.
 */
import { writeFileSync } from "node:fs";
import { availableParallelism, loadavg, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { createTestDatabase, startTestServer } from "@todo/db/test-database";
import pg from "pg";
import { chart } from "./chart";
import {
  CONNECTIONS,
  DURATION_S,
  type EndpointFigures,
  endpointBenchmark,
  ROUNDS,
  TASKS,
  tokenBenchmark,
} from "./endpoints";
import { fuzzBenchmark } from "./fuzz";
import {
  CONCURRENCY,
  concurrencyScaling,
  LATENCY_CONNECTIONS,
  listScaling,
  ROUNDS as SCALING_ROUNDS,
  seedScalingUsers,
} from "./scaling";
import { BENCHMARKS_FILE, type LoadResult, QUICK, startApi, stop, writeReport } from "./support";
import { MIXED_STEPS, mixedWorkload, seedUsers, soak, USERS } from "./workload";

const CHART_FILE = fileURLToPath(new URL("../../../docs/bench-api.svg", import.meta.url));
const SOAK_SECONDS = Number(process.env.SOAK_SECONDS ?? (QUICK ? 30 : 300));
const MIXED_REQUESTS = Number(process.env.MIXED_REQUESTS ?? (QUICK ? 10_000 : 100_000));
const MIXED_CONNECTIONS = 64;
const SCALING_SECONDS = QUICK ? 2 : 5;

const n = (value: number) => value.toLocaleString("en-US");
const met = (ok: boolean) => (ok ? "yes" : "**no**");
const row = (r: LoadResult) => `| ${r.name} | ${n(r.rps)} | ${r.p50} | ${r.p99} | ${r.errors} |`;

async function main() {
  // Other processes on the machine skew every figure; the report says how busy it was.
  const load = loadavg().map((value) => value.toFixed(2));
  const startedAt = new Date();
  const tokens = await tokenBenchmark();
  const pgServer = await startTestServer(process.env.TEST_DATABASE_URL);
  const database = await createTestDatabase(pgServer.url);
  // Seeding writes up to 100,000 rows in one statement: no statement timeout here.
  const client = new pg.Client({ connectionString: database.url, application_name: "bench" });
  await client.connect();
  // The API's own role, as in production.
  const apiDatabaseUrl = database.roleUrls.api;
  const { child: api, base } = await startApi(apiDatabaseUrl);
  try {
    console.log(`${availableParallelism()} cores, load average ${load.join(" ")}`);
    const fuzzing = await fuzzBenchmark(apiDatabaseUrl);
    console.log(
      `fuzzing: ${n(fuzzing.requests)} requests in ${fuzzing.seconds.toFixed(0)} s, ${fuzzing.failure ? "FAILED" : "every property held"}`,
    );
    const endpoints: EndpointFigures = await endpointBenchmark(
      base,
      api.pid as number,
      apiDatabaseUrl,
    );
    const concurrency = await concurrencyScaling(
      base,
      endpoints.userId,
      endpoints.authorization,
      SCALING_SECONDS,
    );
    await seedScalingUsers(client);
    const scaling = await listScaling(base, client, SCALING_SECONDS);
    const loadTokens = await seedUsers(client);
    const mixed = await mixedWorkload(base, loadTokens, MIXED_REQUESTS, MIXED_CONNECTIONS);
    const soaked = await soak(base, api.pid as number, loadTokens, SOAK_SECONDS, MIXED_CONNECTIONS);

    const ratio = endpoints.list.rps / endpoints.floor.rps;
    const [small, , large] = scaling;
    const growth = (pick: (c: (typeof scaling)[number]) => LoadResult) =>
      small && large ? pick(large).p50 / pick(small).p50 : Number.NaN;
    const firstGrowth = growth((c) => c.first);
    const deepGrowth = growth((c) => c.deep);
    const rssDrift = soaked.rssAtEnd / soaked.rssAfterWarmup - 1;
    const fuzzOk = fuzzing.failure === null && fuzzing.bystanderUnchanged;

    writeFileSync(
      CHART_FILE,
      chart(
        `npm run bench, ${startedAt.toISOString().slice(0, 10)}: ${availableParallelism()} cores, load average ${load[0]} at start${QUICK ? " (quick mode)" : ""}`,
        [
          {
            title: "List p50 latency vs tasks per user",
            xLabel: `tasks of the user (log), ${LATENCY_CONNECTIONS} connections`,
            yLabel: "latency, ms",
            logX: true,
            xTicks: scaling.map((c) => c.tasks),
            series: [
              {
                name: "first page p50",
                color: "#2563eb",
                points: scaling.map((c) => [c.tasks, c.first.p50]),
              },
              {
                name: "deep page p50",
                color: "#dc2626",
                dashed: true,
                points: scaling.map((c) => [c.tasks, c.deep.p50]),
              },
            ],
          },
          {
            title: "GET list throughput vs concurrency",
            xLabel: "connections (log)",
            yLabel: "requests/s",
            logX: true,
            xTicks: CONCURRENCY,
            series: [
              {
                name: "requests/s",
                color: "#059669",
                points: concurrency.map((c) => [c.connections, c.rps]),
              },
            ],
          },
          {
            title: `API RSS during the ${SOAK_SECONDS} s soak`,
            xLabel: "seconds",
            yLabel: "RSS, MiB",
            xTicks: [0, Math.round(SOAK_SECONDS / 2), SOAK_SECONDS],
            series: [{ name: "VmRSS", color: "#7c3aed", points: soaked.samples }],
          },
        ],
      ),
    );

    const statusList = (statuses: Record<string | number, number>) =>
      Object.entries(statuses)
        .map(([status, count]) => `${status}: ${n(count)}`)
        .join(", ");
    writeReport(
      [
        "## API",
        "",
        `Measured by \`npm run bench\` on ${startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC` +
          `${QUICK ? " in **quick mode** (`BENCH_QUICK=1`: shortened runs; not the figures of record)" : ""}: ` +
          `${availableParallelism()} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; **load average at start ` +
          `${load.join(" / ")}** (1 / 5 / 15 min; other work on the machine skews every figure). The API runs ` +
          "as a child process (`src/server.ts`, `NODE_ENV=production`, `LOG_LEVEL=warn`, rate limit raised), " +
          "the load generator (autocannon) in the parent process, both on loopback, against a throw-away " +
          "embedded PostgreSQL on the same machine. Latencies are per response (sub-millisecond " +
          "resolution).",
        "",
        "![List latency against tasks per user; throughput against concurrency; RSS during the soak](bench-api.svg)",
        "",
        "### Against the targets",
        "",
        "| figure | measured | target | met |",
        "|---|---|---|---|",
        `| list throughput / floor (${CONNECTIONS} connections) | ${ratio.toFixed(2)}× | ≥ 0.80× | ${met(ratio >= 0.8)} |`,
        `| list p99 (${CONNECTIONS} connections) | ${endpoints.list.p99} ms | ≤ 20 ms | ${met(endpoints.list.p99 <= 20)} |`,
        `| HS256 verifications/s, one core (fast-jwt) | ${n(tokens.fastJwt)} | ≥ 100,000 | ${met(tokens.fastJwt >= 100_000)} |`,
        `| mixed workload: ${n(mixed.result.requests.sent)} requests at ${MIXED_CONNECTIONS} connections | ${n(mixed.errors)} errors | ${n(100_000)} requests, 0 errors | ${met(mixed.errors === 0 && mixed.result.requests.sent >= 100_000)} |`,
        `| RSS floor after the ${SOAK_SECONDS} s soak vs after ${soaked.warmupSeconds} s warm-up | ${soaked.rssAfterWarmup.toFixed(1)} → ${soaked.rssAtEnd.toFixed(1)} MiB (${(rssDrift * 100).toFixed(1)} %) | within ±10 % after 300 s | ${met(Math.abs(rssDrift) <= 0.1 && SOAK_SECONDS >= 300)} |`,
        `| list p50, 100,000 tasks / 100 tasks, first page | ${firstGrowth.toFixed(2)}× | ≤ 2× | ${met(firstGrowth <= 2)} |`,
        `| list p50, 100,000 tasks / 100 tasks, deep page | ${deepGrowth.toFixed(2)}× | ≤ 2× | ${met(deepGrowth <= 2)} |`,
        `| fuzzing: generated requests, properties violated | ${n(fuzzing.requests)}, ${fuzzOk ? "none" : "**see below**"} | ≥ 10,000, none | ${met(fuzzOk && fuzzing.requests >= 10_000)} |`,
        "",
        `### Endpoints at ${CONNECTIONS} connections (one user with ${TASKS} tasks)`,
        "",
        `${DURATION_S} s per run after a 2 s warm-up; the list and its floor (bare \`node:http\` running the ` +
          `same SQL, \`bench/floor-server.ts\`) alternate in ${ROUNDS} rounds of ${DURATION_S / 2} s, medians shown.`,
        "",
        "| run | requests/s | p50 ms | p99 ms | errors |",
        "|---|---|---|---|---|",
        row(endpoints.list),
        row(endpoints.floor),
        row(endpoints.getOne),
        row(endpoints.complete),
        row(endpoints.post),
        "",
        `- With ${CONNECTIONS} connections the mean latency is connections / throughput (Little's law): ` +
          `the floor itself averages ${Math.round((CONNECTIONS / endpoints.floor.rps) * 1000)} ms here, so ` +
          "no server in front of this database on this machine meets a 20 ms p99 at this concurrency " +
          "unless it serves well over 1,600 requests/s.",
        `- Server CPU per list request (fixed 3,000 requests at 8 connections, independent of background ` +
          `load): API **${endpoints.apiCpu.toFixed(3)} ms**, floor ${endpoints.floorCpu.toFixed(3)} ms ` +
          `(floor/API = **${(endpoints.floorCpu / endpoints.apiCpu).toFixed(2)}×**).`,
        `- HS256 token verification on one core: **${n(tokens.fastJwt)}/s** with fast-jwt; jose ` +
          `\`jwtVerify\` ${n(tokens.jose)}/s; a bare HMAC-SHA256 check ${n(tokens.bareHmac)}/s.`,
        "",
        "### Mixed workload and soak",
        "",
        `${USERS} users, each seeded with 20 tasks. Each connection cycles through the ${MIXED_STEPS} requests ` +
          "of one task of the next user: create, list (limit 20), get, update (PUT), complete (PATCH), list " +
          "(pending, by priority), get, delete. Errors count every response other than 2xx/3xx, socket errors " +
          "and timeouts.",
        "",
        "| run | requests | requests/s | p50 ms | p99 ms | errors |",
        "|---|---|---|---|---|---|",
        `| ${mixed.name} at ${MIXED_CONNECTIONS} connections | ${n(mixed.result.requests.sent)} | ${n(mixed.rps)} | ${mixed.p50} | ${mixed.p99} | ${mixed.errors} |`,
        `| ${soaked.load.name} at ${MIXED_CONNECTIONS} connections | — | ${n(soaked.load.rps)} | ${soaked.load.p50} | ${soaked.load.p99} | ${soaked.load.errors} |`,
        "",
        `- Statuses of the mixed run: ${statusList(mixed.statuses)}.`,
        "- API RSS (VmRSS from /proc every second) swings with garbage collection; a leak would " +
          "raise its floor, so the target compares the minimum of the 30 s before each point: " +
          `${soaked.rssAfterWarmup.toFixed(1)} MiB after ${soaked.warmupSeconds} s of warm-up, ` +
          `${soaked.rssAtEnd.toFixed(1)} MiB at ${SOAK_SECONDS} s (${rssDrift >= 0 ? "+" : ""}${(rssDrift * 100).toFixed(1)} %). ` +
          `Medians of the 10 s before each point: ${soaked.medianAfterWarmup.toFixed(1)} → ` +
          `${soaked.medianAtEnd.toFixed(1)} MiB (${((soaked.medianAtEnd / soaked.medianAfterWarmup - 1) * 100).toFixed(1)} %); ` +
          `peak ${soaked.rssMax.toFixed(1)} MiB. The curve is in the chart above.`,
        "",
        "### List latency against tasks per user",
        "",
        `One user per row, seeded by a single \`INSERT … SELECT generate_series\`, then \`VACUUM ANALYZE\`; ` +
          `\`GET …/tasks?limit=50\` at ${LATENCY_CONNECTIONS} connections; after 2 s of warm-up each, the six ` +
          `cases alternate in ${SCALING_ROUNDS} rounds of ${SCALING_SECONDS} s (medians shown). ` +
          "The deep page starts half-way through the user's tasks, with a cursor made by the API's " +
          "own encoder (`src/lib/cursor.ts`). `total` comes from the per-user counts (ADR 0011).",
        "",
        "| tasks of the user | page | requests/s | p50 ms | p99 ms | errors |",
        "|---|---|---|---|---|---|",
        ...scaling.flatMap((c) => [
          `| ${n(c.tasks)} | first | ${n(c.first.rps)} | ${c.first.p50} | ${c.first.p99} | ${c.first.errors} |`,
          `| ${n(c.tasks)} | ${n(c.deepPage)} | ${n(c.deep.rps)} | ${c.deep.p50} | ${c.deep.p99} | ${c.deep.errors} |`,
        ]),
        "",
        "### Throughput against concurrency",
        "",
        `\`GET …/tasks?limit=50\` of the ${TASKS}-task user, ${SCALING_SECONDS} s per level after 2 s of warm-up.`,
        "",
        "| connections | requests/s | p50 ms | p99 ms | errors |",
        "|---|---|---|---|---|",
        ...concurrency.map(
          (c) => `| ${c.connections} | ${n(c.rps)} | ${c.p50} | ${c.p99} | ${c.errors} |`,
        ),
        "",
        "### Fuzzing",
        "",
        `\`test/support/fuzz.ts\` (the seeded run of \`npm test\` uses the same code) sent ${n(fuzzing.requests)} ` +
          `generated requests (seed ${fuzzing.seed}, ${fuzzing.seconds.toFixed(0)} s) through \`app.inject\` for ` +
          "three users, with hostile paths, query strings, bodies, content types, tokens, `If-Match` and " +
          "`Idempotency-Key`. Properties: no 5xx; every task in a response belongs to the token's `sub` and " +
          "the path's user; another user's task answers like a missing one; 401 before 403; every response " +
          "documented by the API's own `/openapi.json` (status, content type, headers, body schema checked " +
          "with ajv, JSON Schema 2020-12); a bystander user's tasks unchanged at the end.",
        "",
        `- Statuses: ${statusList(fuzzing.statuses)}.`,
        `- Result: ${fuzzOk ? "every property held." : `**failed**: \`${(fuzzing.failure ?? "bystander's tasks changed").replace(/\s+/g, " ").slice(0, 600)}\``}`,
        "",
      ].join("\n"),
    );
    console.log(`figures written to ${BENCHMARKS_FILE} and ${CHART_FILE}`);
  } finally {
    await stop(api);
    await client.end();
    await database.drop();
    await pgServer.stop();
  }
}

await main();
