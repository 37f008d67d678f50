/** What every benchmark part shares: the API child process, tokens, autocannon runs, /proc. */
import type { ChildProcess } from "node:child_process";
import { spawnSync } from "node:child_process";
import { once } from "node:events";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { REPO_ROOT } from "@todo/stack";
import { startApiServer } from "@todo/stack/api-server";
import autocannon from "autocannon";
import { signToken } from "../test/support/tokens";

export const BENCHMARKS_FILE = fileURLToPath(
  new URL("../../../docs/benchmarks.md", import.meta.url),
);
export const SECRET = "benchmark-secret-with-at-least-32-characters";
export const AUTH_URL = "http://localhost:3000";
/** `BENCH_QUICK=1`: every run shortened, for development; the report says so. */
export const QUICK = process.env.BENCH_QUICK === "1";

/** A bearer header for `sub`, valid for the longest run. */
export async function bearer(sub: string): Promise<string> {
  return `Bearer ${await signToken(sub, { secret: SECRET, expiresIn: 6 * 3600 })}`;
}

/**
 * The API as in production: built by `npm run build` (esbuild, as `npm start` runs it) and run by
 * plain `node` from `dist/server.js`, listening on loopback only.
 */
export async function startApi(
  databaseUrl: string,
): Promise<{ child: ChildProcess; base: string }> {
  buildServers();
  const api = await startApiServer({
    compiled: true,
    env: {
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      BETTER_AUTH_SECRET: SECRET,
      BETTER_AUTH_URL: AUTH_URL,
      RATE_LIMIT_PER_MINUTE: "100000000",
      // Production refuses to start without a mail server; no benchmark user opts in to email.
      SMTP_URL: "smtp://127.0.0.1:9",
    },
    // `API_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"` profiles the API under the load.
    nodeArgs: process.env.API_NODE_ARGS?.split(" ").filter(Boolean) ?? [],
  });
  return { child: api.process.child, base: api.url };
}

let built = false;

/** `npm run build`, once per benchmark process. */
function buildServers(): void {
  if (built) return;
  const build = spawnSync(process.execPath, ["scripts/build.js"], {
    cwd: REPO_ROOT,
    stdio: "inherit",
  });
  if (build.status !== 0) throw new Error("npm run build failed");
  built = true;
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill("SIGTERM");
  await once(child, "exit").catch(() => {});
}

export interface LoadResult {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  /** Responses other than 2xx/3xx, socket errors and timeouts. */
  errors: number;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export function print(figures: LoadResult) {
  console.log(
    `${figures.name.padEnd(40)} ${String(figures.rps).padStart(7)} req/s  p50 ${figures.p50} ms  p99 ${figures.p99} ms${figures.errors ? `  (${figures.errors} errors!)` : ""}`,
  );
}

export function errorsOf(result: autocannon.Result): number {
  return result.non2xx + result.errors + result.timeouts;
}

/**
 * One bounded autocannon run (by duration or by amount). Latencies are taken from each
 * response with sub-millisecond resolution (autocannon's own percentiles are whole ms).
 */
export async function run(
  name: string,
  options: autocannon.Options,
): Promise<LoadResult & { result: autocannon.Result }> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, finished) =>
      error ? reject(error) : resolve(finished),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime);
    });
  });
  latencies.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return {
    name,
    rps: Math.round(result.requests.average),
    p50: round(percentile(latencies, 50)),
    p99: round(percentile(latencies, 99)),
    errors: errorsOf(result),
    result,
  };
}

/** Resident set size of a process in KiB, from /proc. */
export function rssKb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+)\s+kB$/m);
  return Number(line?.[1] ?? 0);
}

/** CPU time (user + system, ms) a child process has used so far, from /proc. */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  const msPerTick = 10; // USER_HZ is 100 on Linux
  return (Number(fields[11]) + Number(fields[12])) * msPerTick;
}

/**
 * CPU time (ms) of a process and its children: their own, and what exited children left in the
 * parent's account. A PostgreSQL server's, from its postmaster: every backend's work.
 */
export function treeCpuMs(rootPid: number): number {
  const stat = (pid: number | string) =>
    readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  const ticks = (fields: string[], from: number, to: number) =>
    fields.slice(from, to).reduce((sum, value) => sum + Number(value), 0);
  let total = ticks(stat(rootPid), 11, 15);
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = stat(entry);
      if (Number(fields[1]) === rootPid) total += ticks(fields, 11, 13);
    } catch {
      // exited meanwhile
    }
  }
  return total * 10; // USER_HZ is 100 on Linux
}

/** A report section's first words: which script measured, when, on what machine, under what load. */
export function measuredBy(script: string, startedAt: Date, load: string): string {
  return (
    `Measured by \`npm run bench\` (\`apps/api/bench/${script}\`) on ${startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC` +
    `${QUICK ? " in **quick mode** (`BENCH_QUICK=1`; not the figures of record)" : ""}: ` +
    `${availableParallelism()} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; **load average ${load}**.`
  );
}

/** Replaces the report's section that `section` starts with ("## API"…), keeping the others. */
export function writeReport(section: string) {
  const heading = section.slice(0, section.indexOf("\n"));
  let current = "";
  try {
    current = readFileSync(BENCHMARKS_FILE, "utf8");
  } catch {
    current = "# Benchmarks\n";
  }
  const start = current.indexOf(`\n${heading}\n`);
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
