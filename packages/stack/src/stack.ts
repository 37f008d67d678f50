/**
 * Process plumbing shared by the launcher (`npm start`), the web e2e harness and the web
 * benchmark: prefixed logs, child processes stopped as a group, readiness polling and the
 * "build the web app only when its sources changed" rule.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../..");
export const WEB_DIR = join(REPO_ROOT, "apps/web");
export const BIN = (name: string) => join(REPO_ROOT, "node_modules/.bin", name);

const COLORS: Record<string, number> = { db: 35, api: 36, web: 32, start: 33, test: 34 };

/** Writes `[name] line` to stdout, coloured when stdout is a terminal. */
export function logger(name: string): (line: string) => void {
  const tag = process.stdout.isTTY ? `\x1b[${COLORS[name] ?? 37}m[${name}]\x1b[0m` : `[${name}]`;
  return (line) => {
    for (const part of line.split("\n")) if (part.trim()) process.stdout.write(`${tag} ${part}\n`);
  };
}

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  /** Resolves with the exit code (or signal name) once the process has gone. */
  exited: Promise<number | string>;
  /** SIGTERM to the whole process group, SIGKILL after `graceMs`; resolves when it is gone. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartOptions {
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env: Record<string, string | undefined>;
  /** Where output lines go; defaults to the prefixed logger. */
  log?: (line: string) => void;
}

export function startProcess(options: StartOptions): ManagedProcess {
  const log = options.log ?? logger(options.name);
  // Own process group: tsx and next start children of their own, and all of them must stop.
  const child = spawn(options.command, options.args, {
    cwd: options.cwd ?? REPO_ROOT,
    env: options.env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on("line", log);
  }
  const exited = new Promise<number | string>((resolve) => {
    child.once("exit", (code, signal) => resolve(code ?? signal ?? 0));
    child.once("error", (error) => {
      log(`failed to start: ${error.message}`);
      resolve(1);
    });
  });
  let done = false;
  void exited.then(() => {
    done = true;
    // Grandchildren that outlived their parent would hold its port against a restart.
    if (child.pid !== undefined) killGroup(child.pid, "SIGKILL");
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    if (!done && child.pid !== undefined) killGroup(child.pid, signal);
  };
  return {
    name: options.name,
    child,
    exited,
    async stop(graceMs = 10_000) {
      if (done) return;
      signalGroup("SIGTERM");
      const timer = setTimeout(() => signalGroup("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

function killGroup(leader: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-leader, signal);
  } catch {
    // Already gone.
  }
}

/** Polls `url` until it answers 200; fails early if `alive` says the server has died. */
export async function waitForHttp(
  url: string,
  options: { timeoutMs: number; alive?: () => boolean },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (options.alive && !options.alive()) throw new Error(`gave up on ${url}: the process exited`);
    try {
      const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5_000) });
      await response.body?.cancel();
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline)
      throw new Error(`${url} did not answer 200 within ${options.timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const IGNORED_DIRS = new Set([
  "node_modules",
  ".next",
  "test-results",
  "playwright-report",
  "e2e",
  "bench",
]);

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (entry.isDirectory()) {
      if (!IGNORED_DIRS.has(entry.name)) yield* sourceFiles(join(dir, entry.name));
    } else if (!/\.test\.tsx?$/.test(entry.name) && entry.name !== "next-env.d.ts") {
      yield join(dir, entry.name);
    }
  }
}

/** Hash of everything a production build of the web app is made from. */
export function webSourcesHash(): string {
  const hash = createHash("sha256");
  const roots = ["apps/web", "packages/config/src", "packages/contract/src", "packages/db/src"];
  const files = roots.flatMap((root) => [...sourceFiles(join(REPO_ROOT, root))]);
  for (const file of [...files, join(REPO_ROOT, "package-lock.json")]) {
    hash.update(relative(REPO_ROOT, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

const BUILD_STAMP = join(REPO_ROOT, ".data/web-build.sha256");

/** Runs `next build` unless the last build was made from the same sources. */
export async function ensureWebBuild(log: (line: string) => void): Promise<"reused" | "built"> {
  const sources = webSourcesHash();
  const previous = existsSync(BUILD_STAMP) ? readFileSync(BUILD_STAMP, "utf8").trim() : "";
  if (previous === sources && existsSync(join(WEB_DIR, ".next/BUILD_ID"))) return "reused";
  log("building the web app (first start or sources changed)…");
  const build = startProcess({
    name: "web",
    command: BIN("next"),
    args: ["build"],
    cwd: WEB_DIR,
    // Secrets stay out of the build: the app reads its configuration at run time.
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NEXT_TELEMETRY_DISABLED: "1" },
    log,
  });
  const code = await build.exited;
  if (code !== 0) throw new Error(`next build failed (${code})`);
  mkdirSync(dirname(BUILD_STAMP), { recursive: true });
  writeFileSync(BUILD_STAMP, `${sources}\n`);
  return "built";
}
