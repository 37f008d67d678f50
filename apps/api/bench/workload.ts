/**
 * Issue 4's load and soak: a mixed workload of many users (each connection cycles through
 * create, list, get, update, complete, list, get, delete of one task of the next user), run
 * for a fixed number of requests, then for a fixed time while the API's RSS is sampled.
 */
import type autocannon from "autocannon";
import type pg from "pg";
import { bearer, type LoadResult, median, print, rssKb, run } from "./support";

export const USERS = 1000;
const TASKS_PER_USER = 20;

interface Cycle {
  user?: number;
  id?: number;
}

/** Users `load-0` … with their tokens, each holding TASKS_PER_USER tasks (one statement). */
export async function seedUsers(client: pg.Client): Promise<string[]> {
  await client.query(
    `insert into tasks (user_id, title, priority, tags)
     select 'load-' || u, 'Seeded task ' || t, (array['low','medium','high'])[1 + t % 3]::task_priority,
            array['seed', 't' || t % 4]
     from generate_series(0, $1 - 1) u, generate_series(1, $2) t`,
    [USERS, TASKS_PER_USER],
  );
  return Promise.all(Array.from({ length: USERS }, (_, u) => bearer(`load-${u}`)));
}

function mixedRequests(tokens: string[]): autocannon.Request[] {
  let nextUser = 0;
  const step = (method: string, path: (context: Cycle) => string, body?: object) => ({
    setupRequest: (request: autocannon.Request, raw: object) => {
      const context = raw as Cycle;
      context.user ??= nextUser++ % tokens.length;
      const authorization = tokens[context.user] as string;
      return {
        ...request,
        method,
        path: `/api/load-${context.user}/tasks${path(context)}`,
        headers: body ? { authorization, "content-type": "application/json" } : { authorization },
        body: body ? JSON.stringify(body) : undefined,
      } as autocannon.Request;
    },
  });
  const task =
    (suffix = "") =>
    (context: Cycle) =>
      `/${context.id}${suffix}`;
  return [
    {
      ...step("POST", () => "", { title: "Mixed workload task", priority: "high", tags: ["load"] }),
      onResponse: (status, body, context) => {
        if (status === 201) (context as Cycle).id = (JSON.parse(body) as { id: number }).id;
      },
    },
    step("GET", () => "?limit=20"),
    step("GET", task()),
    step("PUT", task(), { title: "Renamed by the mixed workload", tags: ["load", "renamed"] }),
    step("PATCH", task("/complete")),
    step("GET", () => "?status=pending&sort=priority&limit=20"),
    step("GET", task()),
    step("DELETE", task()),
  ];
}

export const MIXED_STEPS = 8;

export async function mixedWorkload(
  base: string,
  tokens: string[],
  amount: number,
  connections: number,
): Promise<LoadResult & { result: autocannon.Result; statuses: Record<string, number> }> {
  const figures = await run(`mixed workload, ${amount.toLocaleString("en-US")} requests`, {
    url: base,
    connections,
    amount,
    requests: mixedRequests(tokens),
  });
  print(figures);
  const statuses = Object.fromEntries(
    Object.entries(figures.result.statusCodeStats ?? {}).map(([code, { count }]) => [
      code,
      count ?? 0,
    ]),
  );
  return { ...figures, statuses };
}

export interface SoakFigures {
  load: LoadResult;
  seconds: number;
  warmupSeconds: number;
  /** [seconds since start, RSS MiB] every second. */
  samples: [number, number][];
  /** The floor (minimum) of the 30 s before each point: what survives garbage collection. */
  rssAfterWarmup: number;
  rssAtEnd: number;
  /** Medians of the 10 s before each point, which land anywhere in the GC sawtooth. */
  medianAfterWarmup: number;
  medianAtEnd: number;
  rssMax: number;
}

/**
 * The mixed workload for `seconds`; RSS of the API read from /proc every second. RSS swings
 * with garbage collection (tens of MiB, cycles of about a minute); a leak shows as a rising
 * floor, so "after warm-up" and "at the end" compare the floors of the 30 s before each point.
 */
export async function soak(
  base: string,
  pid: number,
  tokens: string[],
  seconds: number,
  connections: number,
): Promise<SoakFigures> {
  const warmupSeconds = Math.min(60, Math.max(10, Math.round(seconds / 5)));
  const samples: [number, number][] = [];
  const started = Date.now();
  const timer = setInterval(() => {
    samples.push([(Date.now() - started) / 1000, rssKb(pid) / 1024]);
  }, 1000);
  try {
    const figures = await run(`soak, ${seconds} s`, {
      url: base,
      connections,
      duration: seconds,
      requests: mixedRequests(tokens),
    });
    print(figures);
    const window = (end: number, length: number) =>
      samples.filter(([t]) => t > end - length && t <= end).map(([, rss]) => rss);
    const floor = (end: number) => Math.min(...window(end, 30));
    const { result: _, ...load } = figures;
    return {
      load,
      seconds,
      warmupSeconds,
      samples,
      rssAfterWarmup: floor(warmupSeconds),
      rssAtEnd: floor(seconds),
      medianAfterWarmup: median(window(warmupSeconds, 10)),
      medianAtEnd: median(window(seconds, 10)),
      rssMax: Math.max(...samples.map(([, rss]) => rss)),
    };
  } finally {
    clearInterval(timer);
  }
}
