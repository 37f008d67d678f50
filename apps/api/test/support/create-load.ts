import { vi } from "vitest";
import { authHeader, newUserId, tasksPath } from "../helpers";
import { errorCode, freshRequest } from "./fresh-request";

/** One HTTP exchange of the load: a status, or the network error's code. */
export interface Attempt {
  key: string;
  startedAt: number;
  endedAt: number;
  status: number | null;
  /** The created task's id, on a 201. */
  taskId: number | null;
  error: string | null;
  retryAfter: string | undefined;
  contentType: string | undefined;
}

export interface LoadResult {
  /** Idempotency key → id of the task, for every create answered 201. */
  acknowledged: Map<string, number>;
  attempts: Attempt[];
}

export interface CreateLoadOptions {
  origin: string;
  userId: string;
  authorization: string;
  clients: number;
  /** Repeat a create answered 503 or lost to a network error, with the same key. */
  retry: boolean;
}

export const loadTitle = (key: string) => `load ${key}`;

/** POST one create on its own connection, so that a refused connection is seen as such. */
async function post(options: CreateLoadOptions, key: string): Promise<Attempt> {
  const startedAt = Date.now();
  const attempt = { key, startedAt, taskId: null, retryAfter: undefined, contentType: undefined };
  try {
    const response = await freshRequest(new URL(tasksPath(options.userId), options.origin), {
      method: "POST",
      headers: {
        authorization: options.authorization,
        "content-type": "application/json",
        "idempotency-key": key,
      },
      body: JSON.stringify({ title: loadTitle(key) }),
    });
    const retryAfter = response.headers["retry-after"];
    return {
      ...attempt,
      endedAt: Date.now(),
      status: response.status,
      error: null,
      taskId: response.status === 201 ? (JSON.parse(response.body) as { id: number }).id : null,
      retryAfter,
      contentType: response.headers["content-type"],
    };
  } catch (error) {
    return { ...attempt, endedAt: Date.now(), status: null, error: errorCode(error) };
  }
}

/**
 * Creates tasks with an `Idempotency-Key` from `clients` concurrent loops, one key at a time
 * each, until `stop()`; a client retrying a key finishes it (bounded) before it stops.
 */
export function startCreateLoad(options: CreateLoadOptions) {
  const acknowledged = new Map<string, number>();
  const attempts: Attempt[] = [];
  let stopping = false;
  let stopDeadline = Number.POSITIVE_INFINITY;

  async function client(index: number) {
    for (let n = 0; !stopping; n++) {
      const key = `${options.userId}-${index}-${n}`;
      for (;;) {
        const attempt = await post(options, key);
        attempts.push(attempt);
        if (attempt.taskId !== null) {
          acknowledged.set(key, attempt.taskId);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
        const retryable = attempt.status === 503 || attempt.error !== null;
        if (!options.retry || !retryable || Date.now() > stopDeadline) break;
      }
    }
  }

  const clients = Array.from({ length: options.clients }, (_, index) => client(index));
  return {
    acknowledged,
    attempts,
    /** Stops the loops; pending retries get `graceMs` more to succeed. */
    async stop(graceMs = 10_000): Promise<LoadResult> {
      stopping = true;
      stopDeadline = Date.now() + graceMs;
      await Promise.all(clients);
      return { acknowledged, attempts };
    },
  };
}

/** A fresh user, and a load of creates by six clients on their behalf. */
export async function startLoadOfNewUser(origin: string, retry: boolean) {
  const userId = newUserId();
  const { authorization } = await authHeader(userId);
  const load = startCreateLoad({ origin, userId, authorization, clients: 6, retry });
  return { userId, authorization, load };
}

/** Resolves once `condition()` holds; throws after `timeoutMs`. */
export function waitUntil(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  return vi.waitFor(
    async () => {
      if (!(await condition())) throw new Error(`timed out waiting for ${what}`);
    },
    { timeout: timeoutMs, interval: 25 },
  );
}
