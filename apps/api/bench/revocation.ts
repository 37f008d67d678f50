/**
 * `npm run bench` (second part): the revocation figures of issue 9, written to
 * docs/benchmarks.md ("## Revocation"; other sections kept).
 *
 * - Propagation: two API processes (`src/server.ts`, as in production) on one throw-away
 *   database; 100 sign-outs, each the statement Better Auth runs (`delete from session`, whose
 *   trigger writes the revocation). From the moment that statement has committed, each process
 *   is asked with the session's token, back to back on a kept-alive connection, until it
 *   answers 401.
 * - Verification: the identify hook's work (HS256 verification, then the revocation check) on
 *   this thread, with 100,000 ended sessions in memory and with none, interleaved.
 * - Memory: what those 100,000 entries take, after a full garbage collection.
 */
import { loadavg } from "node:os";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createTestDatabase, startTestServer } from "@todo/db/test-database";
import pg from "pg";
import { Revocations } from "../src/auth/revocations";
import { createHs256Verifier } from "../src/auth/token-verifier";
import { newSessionId, userWithSessions } from "../test/support/sessions";
import { signToken } from "../test/support/tokens";
import {
  AUTH_URL,
  measuredBy,
  percentile,
  QUICK,
  SECRET,
  startApi,
  stop,
  writeReport,
} from "./support";

const SIGN_OUTS = QUICK ? 20 : 100;
const ENDED_SESSIONS = 100_000;
const CHUNKS = QUICK ? 60 : 300;
const CHUNK_OPERATIONS = 1_000;
const GIVE_UP_MS = 10_000;

interface Propagation {
  /** Per process: milliseconds from the commit to its first 401, one per sign-out. */
  perProcess: number[][];
}

async function firstRefusal(url: string, authorization: string, since: number): Promise<number> {
  while (performance.now() - since < GIVE_UP_MS) {
    const response = await fetch(url, { headers: { authorization } });
    await response.arrayBuffer();
    if (response.status === 401) return performance.now() - since;
    if (response.status !== 200) throw new Error(`unexpected ${response.status} from ${url}`);
  }
  throw new Error(`no 401 from ${url} within ${GIVE_UP_MS} ms`);
}

async function propagation(databaseUrl: string): Promise<Propagation> {
  const db = new pg.Client({ connectionString: databaseUrl, application_name: "bench" });
  await db.connect();
  const apis = await Promise.all([0, 1].map(() => startApi(databaseUrl)));
  try {
    const { userId, sessionIds: sessions } = await userWithSessions(db, SIGN_OUTS);
    const perProcess: number[][] = apis.map(() => []);
    for (const sid of sessions) {
      const authorization = `Bearer ${await signToken(userId, { secret: SECRET, claims: { sid } })}`;
      const urls = apis.map(({ base }) => `${base}/api/${userId}/tasks?limit=1`);
      // Each process accepts the token first, on the connection it is then asked on.
      for (const url of urls) {
        const response = await fetch(url, { headers: { authorization } });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`token refused before sign-out: ${url}`);
      }
      await db.query("delete from session where id = $1", [sid]);
      const committed = performance.now();
      const delays = await Promise.all(
        urls.map((url) => firstRefusal(url, authorization, committed)),
      );
      for (const [i, delay] of delays.entries()) perProcess[i]?.push(delay);
    }
    return { perProcess };
  } finally {
    await Promise.all(apis.map(({ child }) => stop(child)));
    await db.end();
  }
}

/** CPU time (user + system) this process spends on `operations` operations, in microseconds. */
function cpuMicros(tokens: string[], operation: (token: string) => void, operations: number) {
  const start = process.cpuUsage();
  for (let i = 0; i < operations; i++) operation(tokens[i % tokens.length] as string);
  const { user, system } = process.cpuUsage(start);
  return user + system;
}

/**
 * Operations per second of this process's CPU time for `a` and `b`, interleaved in small
 * chunks (which goes first alternates): other work on the machine slows both alike.
 */
function pairedOpsPerCpuSecond(
  tokens: string[],
  a: (token: string) => void,
  b: (token: string) => void,
): [number, number] {
  let [microsA, microsB] = [0, 0];
  for (let chunk = 0; chunk < CHUNKS; chunk++) {
    if (chunk % 2 === 0) {
      microsA += cpuMicros(tokens, a, CHUNK_OPERATIONS);
      microsB += cpuMicros(tokens, b, CHUNK_OPERATIONS);
    } else {
      microsB += cpuMicros(tokens, b, CHUNK_OPERATIONS);
      microsA += cpuMicros(tokens, a, CHUNK_OPERATIONS);
    }
  }
  const operations = CHUNKS * CHUNK_OPERATIONS;
  return [(operations / microsA) * 1e6, (operations / microsB) * 1e6];
}

interface Verification {
  none: number;
  ended: number;
  memoryMiB: number;
}

/** A full collection, so heap figures count only what is still reachable. */
function collector(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

async function verification(): Promise<Verification> {
  const gc = collector();
  const tokens = await Promise.all(
    Array.from({ length: 1000 }, (_, i) =>
      signToken(`user-${i}`, { secret: SECRET, claims: { sid: newSessionId() } }),
    ),
  );
  const verify = createHs256Verifier(SECRET, AUTH_URL);
  // What the identify hook does with each token; every one here is accepted.
  const identify = (revocations: Revocations) => (token: string) => {
    const principal = verify(token);
    if (!principal || principal instanceof Promise || revocations.refuses(principal)) {
      throw new Error("token refused");
    }
  };

  // The fingerprint table is an ArrayBuffer, outside the JavaScript heap.
  const used = () => {
    const { heapUsed, arrayBuffers } = process.memoryUsage();
    return heapUsed + arrayBuffers;
  };
  const empty = new Revocations();
  gc();
  const before = used();
  const full = new Revocations();
  const revokedAt = Date.now();
  for (let i = 0; i < ENDED_SESSIONS; i++) {
    full.add({ userId: `user-${i % 10_000}`, sessionId: newSessionId(), revokedAt });
  }
  gc();
  const memoryMiB = (used() - before) / 2 ** 20;

  const [none, ended] = pairedOpsPerCpuSecond(tokens, identify(empty), identify(full));
  if (full.size !== ENDED_SESSIONS) throw new Error("entries were lost");
  return { none, ended, memoryMiB };
}

const n = (value: number) => Math.round(value).toLocaleString("en-US");
const ms = (value: number) => value.toFixed(1);
const met = (ok: boolean) => (ok ? "yes" : "**no**");

async function main() {
  const load = loadavg().map((value) => value.toFixed(2));
  const startedAt = new Date();
  const verified = await verification();
  console.log(
    `verification: ${n(verified.none)}/s with no ended sessions, ${n(verified.ended)}/s with ${n(ENDED_SESSIONS)}; ${verified.memoryMiB.toFixed(1)} MiB`,
  );
  const pgServer = await startTestServer(process.env.TEST_DATABASE_URL);
  const database = await createTestDatabase(pgServer.url);
  let propagated: Propagation;
  try {
    propagated = await propagation(database.url);
  } finally {
    await database.drop();
    await pgServer.stop();
  }

  const all = propagated.perProcess.flat().sort((a, b) => a - b);
  const p50 = percentile(all, 50);
  const p99 = percentile(all, 99);
  const ratio = verified.ended / verified.none;
  const perProcess = propagated.perProcess.map((delays, i) => {
    const sorted = [...delays].sort((a, b) => a - b);
    return `process ${i + 1}: p50 ${ms(percentile(sorted, 50))} ms, p99 ${ms(percentile(sorted, 99))} ms, max ${ms(sorted.at(-1) ?? 0)} ms`;
  });
  console.log(`propagation: p50 ${ms(p50)} ms, p99 ${ms(p99)} ms (${perProcess.join("; ")})`);

  writeReport(
    [
      "## Revocation",
      "",
      `${measuredBy("revocation.ts", startedAt, `at start ${load.join(" / ")}`)} ` +
        "Design: docs/decisions/0018-session-revocation.md.",
      "",
      "| figure | measured | target | met |",
      "|---|---|---|---|",
      `| propagation p99, ${SIGN_OUTS} sign-outs × 2 API processes | ${ms(p99)} ms (p50 ${ms(p50)} ms) | ≤ 1,000 ms | ${met(p99 <= 1000)} |`,
      `| HS256 verification + check, ${n(ENDED_SESSIONS)} ended sessions / none | ${ratio.toFixed(2)}× (${n(verified.ended)}/s vs ${n(verified.none)}/s) | ≥ 0.90× | ${met(ratio >= 0.9)} |`,
      `| memory taken by ${n(ENDED_SESSIONS)} ended sessions | ${verified.memoryMiB.toFixed(1)} MiB | ≤ 20 MiB | ${met(verified.memoryMiB <= 20)} |`,
      "",
      `- Propagation: two API processes (\`src/server.ts\`, \`NODE_ENV=production\`) on a throw-away embedded ` +
        `PostgreSQL. Each sign-out is the statement Better Auth runs (\`delete from session where id = $1\`; ` +
        "the trigger writes the revocation and notifies). Measured from the moment that statement has " +
        "committed to the first 401 from each process, asking back to back on a kept-alive connection " +
        `(each request adds its own round trip). ${perProcess.join("; ")}.`,
      `- Verification: \`createHs256Verifier\` then \`Revocations.refuses\`, as the identify hook does, on ` +
        `one thread, cycling through 1,000 distinct tokens (each with a \`sid\` that has not ended); ` +
        `${n(CHUNKS * CHUNK_OPERATIONS)} operations each way, interleaved in chunks of ${n(CHUNK_OPERATIONS)} ` +
        "(which goes first alternates) and counted per second of the process's CPU time, so other work on " +
        "the machine slows both alike.",
      `- Memory: heap plus array buffers used after a full garbage collection, before and after adding ${n(ENDED_SESSIONS)} ` +
        "sessions (32-character ids, as long as Better Auth's; flat strings, as the feed's `JSON.parse` " +
        "and the driver's row parsing make them).",
      "",
    ].join("\n"),
  );
}

await main();
