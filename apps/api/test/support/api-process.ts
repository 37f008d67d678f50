import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { API_DIR, startApiServer } from "@todo/stack/api-server";
import { TEST_SECRET } from "../helpers";

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Everything it wrote, stdout and stderr. */
  output: string;
}

/** A server process whose output is kept for the test to read. */
export interface ServerProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves once the process has exited. */
  exited: Promise<Exit>;
}

/**
 * The real server (`src/server.ts`) in a child process, with only the given environment, for
 * tests of how it fails to start or stops. A plain child, not `spawnApiServer`'s: with that, the
 * cluster test of workers that cannot listen timed out (the cause is not yet known).
 */
export function startServer(env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: API_DIR,
    env: { PATH: process.env.PATH, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  for (const stream of [child.stdout, child.stderr]) {
    stream.on("data", (chunk) => {
      output += chunk;
    });
  }
  const exited = once(child, "exit").then(([code, signal]) => ({ code, signal, output }));
  return { child, output: () => output, exited };
}

export interface ApiProcess extends ServerProcess {
  port: number;
  /** `http://127.0.0.1:<port>` */
  origin: string;
}

/** Starts the server on a free loopback port and waits until it is ready. */
export async function startApi(env: Record<string, string>): Promise<ApiProcess> {
  let output = "";
  const log = (line: string) => {
    output += `${line}\n`;
  };
  const api = await startApiServer({
    env: {
      // JWKS mode needs no shared secret, and gets none.
      ...(env.AUTH_JWKS_URL ? {} : { BETTER_AUTH_SECRET: TEST_SECRET }),
      RATE_LIMIT_PER_MINUTE: "1000000",
      ...env,
    },
    log,
  }).catch((error: unknown) => {
    throw new Error(`${String(error)}; its output:\n${output}`);
  });
  const exited = api.process.exited.then((result) => ({
    code: typeof result === "number" ? result : null,
    signal: typeof result === "string" ? (result as NodeJS.Signals) : null,
    output,
  }));
  return {
    child: api.process.child,
    output: () => output,
    exited,
    port: api.port,
    origin: api.url,
  };
}

/** Sends SIGKILL unless the process has already exited. */
export async function kill(api: ApiProcess | undefined): Promise<void> {
  if (!api || api.child.exitCode !== null || api.child.signalCode !== null) return;
  api.child.kill("SIGKILL");
  await api.exited;
}
