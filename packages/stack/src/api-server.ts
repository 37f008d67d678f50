/**
 * The API's real server (`apps/api/src/server.ts`) as a child process, for the API's own
 * process tests, its benchmark and the web e2e harness: one way to start it and know it is ready.
 */
import { join } from "node:path";
import { freePort } from "@todo/db/embedded";
import { type ManagedProcess, REPO_ROOT, startProcess, waitForHttp } from "./stack";

export const API_DIR = join(REPO_ROOT, "apps/api");

export interface ApiServerOptions {
  /** The log prefix, and the process's name in errors. */
  name?: string;
  /** Added to `PATH` and `LOG_LEVEL=warn`; nothing else of this process's environment leaks in. */
  env: Record<string, string | undefined>;
  /** Where output lines go; default: the prefixed logger. */
  log?: (line: string) => void;
  /** Run the bundle `npm run build` made (`dist/server.js`), as in production; default: source. */
  compiled?: boolean;
  /** Options of `node` itself (`--cpu-prof`, say). */
  nodeArgs?: string[];
}

/** Spawns the server under this Node (no wrapper process: signals reach it). */
export function spawnApiServer(options: ApiServerOptions): ManagedProcess {
  return startProcess({
    name: options.name ?? "api",
    command: process.execPath,
    args: [
      ...(options.nodeArgs ?? []),
      ...(options.compiled
        ? ["--enable-source-maps", "dist/server.js"]
        : ["--import", "tsx", "src/server.ts"]),
    ],
    cwd: API_DIR,
    env: { PATH: process.env.PATH, LOG_LEVEL: "warn", ...options.env },
    ...(options.log ? { log: options.log } : {}),
  });
}

export interface RunningApi {
  process: ManagedProcess;
  port: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
}

/**
 * Starts the server on loopback (on `port`, else a free one) and resolves once `/readyz`
 * answers 200. A server that exits or is not ready in time is stopped, and the error says so.
 */
export async function startApiServer(
  options: ApiServerOptions & { port?: number; timeoutMs?: number },
): Promise<RunningApi> {
  const port = options.port ?? (await freePort());
  const server = spawnApiServer({
    ...options,
    env: { ...options.env, API_HOST: "127.0.0.1", API_PORT: String(port) },
  });
  const url = `http://127.0.0.1:${port}`;
  let alive = true;
  void server.exited.then(() => {
    alive = false;
  });
  try {
    await waitForHttp(`${url}/readyz`, {
      timeoutMs: options.timeoutMs ?? 60_000,
      alive: () => alive,
    });
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { process: server, port, url };
}
