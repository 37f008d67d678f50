/**
 * Issue 4's scaling figures: list latency for one user holding 100, 10,000 and 100,000 tasks
 * (first page, and a deep page reached with a cursor from the API's own encoder), and list
 * throughput against the number of connections.
 */
import type pg from "pg";
import { CursorCodec } from "../src/lib/cursor";
import { bearer, type LoadResult, median, print, run, SECRET } from "./support";

export const TASKS_PER_USER = [100, 10_000, 100_000];
export const CONCURRENCY = [1, 4, 16, 64];
/** Latency is measured at low concurrency, so queueing does not hide the query's cost. */
export const LATENCY_CONNECTIONS = 4;
const PAGE = 50;
export const ROUNDS = 3;

interface Target {
  name: string;
  url: string;
  headers: Record<string, string>;
}

export interface ScalingCase {
  tasks: number;
  first: LoadResult;
  deep: LoadResult;
  /** The page number the deep cursor points into. */
  deepPage: number;
}

/** One user with `tasks` tasks, created by a single INSERT … SELECT generate_series. */
async function seed(client: pg.Client, userId: string, tasks: number): Promise<void> {
  await client.query(
    `insert into tasks (user_id, title, description, completed, priority, due_date, tags, created_at, updated_at)
     select $1, 'Task ' || g, case when g % 2 = 0 then 'Description of task ' || g end, g % 5 = 0,
            (array['low','medium','high'])[1 + g % 3]::task_priority,
            case when g % 4 <> 0 then now() + g * interval '1 minute' end,
            array['bench', 't' || g % 7],
            now() - g * interval '1 second', now() - g * interval '1 second'
     from generate_series(1, $2) g`,
    [userId, tasks],
  );
}

/** The cursor the API would hand out after the row at `offset` in the default order. */
async function cursorAt(client: pg.Client, userId: string, offset: number): Promise<string> {
  const { rows } = await client.query<{ created_at: Date; id: string }>(
    `select created_at, id from tasks where user_id = $1
     order by created_at desc, id desc offset $2 limit 1`,
    [userId, offset],
  );
  const row = rows[0];
  if (!row) throw new Error(`no row at offset ${offset}`);
  return new CursorCodec(SECRET).encode("created_at", "desc", {
    value: row.created_at.toISOString(),
    id: Number(row.id),
  });
}

export async function seedScalingUsers(client: pg.Client): Promise<void> {
  for (const tasks of TASKS_PER_USER) await seed(client, `scale-${tasks}`, tasks);
  // As autovacuum would after a bulk load: fresh statistics and a visibility map.
  await client.query("vacuum analyze tasks");
}

/**
 * Every case in each of ROUNDS rounds, figures the medians of the rounds, so a change in
 * background load hits every case alike.
 */
export async function listScaling(
  base: string,
  client: pg.Client,
  seconds: number,
): Promise<ScalingCase[]> {
  const targets: { tasks: number; deepPage: number; first: Target; deep: Target }[] = [];
  for (const tasks of TASKS_PER_USER) {
    const userId = `scale-${tasks}`;
    const headers = { authorization: await bearer(userId) };
    const url = `${base}/api/${userId}/tasks?limit=${PAGE}`;
    // Deep: the page that starts half-way through the user's tasks.
    const offset = Math.floor(tasks / 2);
    const deepUrl = `${url}&cursor=${encodeURIComponent(await cursorAt(client, userId, offset - 1))}`;
    const check = (await (await fetch(deepUrl, { headers })).json()) as {
      items: unknown[];
      total: number;
    };
    if (check.total !== tasks || check.items.length !== PAGE) {
      throw new Error(`unexpected deep page for ${userId}: total ${check.total}`);
    }
    const deepPage = offset / PAGE + 1;
    targets.push({
      tasks,
      deepPage,
      first: { name: `list, ${tasks} tasks, first page`, url, headers },
      deep: { name: `list, ${tasks} tasks, page ${deepPage}`, url: deepUrl, headers },
    });
  }
  const all = targets.flatMap((target) => [target.first, target.deep]);
  const options = (target: Target) => ({
    url: target.url,
    headers: target.headers,
    connections: LATENCY_CONNECTIONS,
  });
  for (const target of all) await run(target.name, { ...options(target), duration: 2 });
  const rounds = new Map<Target, LoadResult[]>(all.map((target) => [target, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const target of all) {
      const { result: _, ...figures } = await run(target.name, {
        ...options(target),
        duration: seconds,
      });
      rounds.get(target)?.push(figures);
    }
  }
  const combine = (target: Target): LoadResult => {
    const results = rounds.get(target) ?? [];
    const figures = {
      name: target.name,
      rps: median(results.map((r) => r.rps)),
      p50: median(results.map((r) => r.p50)),
      p99: median(results.map((r) => r.p99)),
      errors: results.reduce((sum, r) => sum + r.errors, 0),
    };
    print(figures);
    return figures;
  };
  return targets.map((target) => ({
    tasks: target.tasks,
    deepPage: target.deepPage,
    first: combine(target.first),
    deep: combine(target.deep),
  }));
}

export async function concurrencyScaling(
  base: string,
  userId: string,
  authorization: string,
  seconds: number,
): Promise<(LoadResult & { connections: number })[]> {
  const results: (LoadResult & { connections: number })[] = [];
  const url = `${base}/api/${userId}/tasks?limit=${PAGE}`;
  for (const connections of CONCURRENCY) {
    const options = { url, headers: { authorization }, connections };
    await run("warm-up", { ...options, duration: 2 });
    const { result: _, ...figures } = await run(`GET list, ${connections} connections`, {
      ...options,
      duration: seconds,
    });
    print(figures);
    results.push({ ...figures, connections });
  }
  return results;
}
