import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { freePort } from "@todo/db/embedded";
import { TEST_SECRET } from "../helpers";

const API_DIR = fileURLToPath(new URL("../..", import.meta.url));

/** The real server (`src/server.ts`) in a child process, with only the given environment. */
export function startServer(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: API_DIR,
    env: { PATH: process.env.PATH, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Resolves when the process exits, with what it wrote to stderr. */
export function output(child: ChildProcess): Promise<Exit> {
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  child.stdout?.resume();
  return once(child, "exit").then(([code, signal]) => ({ code, signal, stderr }));
}

/** Polls `url` until it answers 200; throws after `timeoutMs`. */
export async function waitForOk(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

export interface ApiProcess {
  child: ChildProcess;
  port: number;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  exited: Promise<Exit>;
}

/** Starts the server on a free loopback port and waits until it is ready. */
export async function startApi(env: Record<string, string>): Promise<ApiProcess> {
  const port = await freePort();
  const child = startServer({
    // JWKS mode needs no shared secret, and gets none.
    ...(env.AUTH_JWKS_URL ? {} : { BETTER_AUTH_SECRET: TEST_SECRET }),
    API_HOST: "127.0.0.1",
    API_PORT: String(port),
    RATE_LIMIT_PER_MINUTE: "1000000",
    ...env,
  });
  const exited = output(child);
  const origin = `http://127.0.0.1:${port}`;
  try {
    await Promise.race([
      waitForOk(`${origin}/readyz`),
      exited.then(({ code, stderr }) => {
        throw new Error(`server exited with ${code} before it was ready:\n${stderr}`);
      }),
    ]);
  } catch (error) {
    // Not ready in time: the caller never gets the process, so it must not outlive the test.
    child.kill("SIGKILL");
    throw error;
  }
  return { child, port, origin, exited };
}

/** Sends SIGKILL unless the process has already exited. */
export async function kill(api: ApiProcess | undefined): Promise<void> {
  if (!api || api.child.exitCode !== null || api.child.signalCode !== null) return;
  api.child.kill("SIGKILL");
  await api.exited;
}
