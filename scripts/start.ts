/**
 * `npm start` (production build) and `npm run dev` (hot reload): the whole stack on one command.
 * PostgreSQL (embedded when DATABASE_URL is unset) → migrations → API and web app → "Ready".
 * Ctrl-C or SIGTERM stops the children first, then the database. The embedded database gives
 * each app its own role; with DATABASE_URL both use that URL, and MIGRATION_DATABASE_URL, when
 * set, migrates.
 */

import { join } from "node:path";
import {
  EMBEDDED_DEFAULT_PORT,
  type EmbeddedPostgres,
  startEmbeddedPostgres,
} from "@todo/db/embedded";
import { AUTH_SECRET_FILE, LOCAL_DATA_DIR, localSecret } from "@todo/db/local-data";
import { migrate } from "@todo/db/migrate";
import type { App } from "@todo/db/roles";
import {
  BIN,
  ensureWebBuild,
  logger,
  type ManagedProcess,
  startProcess,
  WEB_DIR,
  waitForHttp,
} from "@todo/stack";
import { type LauncherEnv, loadLauncherEnv } from "./lib/env";

const READY_TIMEOUT_MS = 120_000;

const dev = process.argv.includes("--dev");
const log = logger("start");

function fail(message: string): never {
  log(message);
  process.exit(1);
}

let launcherEnv: LauncherEnv;
try {
  launcherEnv = loadLauncherEnv();
} catch (error) {
  fail((error as Error).message);
}
const { config, inherited } = launcherEnv;
const port = String(config.PORT);
const apiPort = String(config.API_PORT);
const authUrl = config.BETTER_AUTH_URL || `http://localhost:${port}`;
const apiUrl = config.API_URL || `http://localhost:${apiPort}`;
const tokenAlg = config.AUTH_TOKEN_ALG;
// The web app's interface; loopback unless deployed, like the API's API_HOST.
const host = config.HOST || (config.NODE_ENV === "production" ? "0.0.0.0" : "127.0.0.1");
// `next start` defaults NODE_ENV to production, which needs SMTP_URL and requires email
// verification (README, Configuration). Unless production is asked for, this is a local stack:
// "test", Next's other standard value, keeps its production runtime (decision 0019).
const webNodeEnv = dev ? undefined : config.NODE_ENV || "test";
// One secret for both processes: the web app signs tokens with it and the API verifies them.
const secret = config.BETTER_AUTH_SECRET || localSecret(AUTH_SECRET_FILE);

let database: EmbeddedPostgres | undefined;
const children = new Map<string, ManagedProcess>();
const restarts = new Set<NodeJS.Timeout>();
let ready = false;
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    log("stopping…");
    for (const timer of restarts) clearTimeout(timer);
    // The apps first: they finish their requests while the database still answers.
    await Promise.all(
      [...children.values()].map(async (child) => {
        await child.stop();
        log(`${child.name} stopped`);
      }),
    );
    if (database) {
      log("stopping the database…");
      await database.stop().catch(() => {});
    }
  }
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

/** Waits before each restart in a row; a process that ran a minute starts over at the first. */
const RESTART_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000];
const STABLE_AFTER_MS = 60_000;

/**
 * Runs a process and, once the stack is ready, restarts it whenever it exits, with growing
 * delays, while the others keep serving. An exit before the stack is ready stops the stack:
 * a process that cannot start will not start on a retry either.
 */
function supervise(start: () => ManagedProcess): void {
  let attempt = 0;
  const run = () => {
    const child = start();
    const startedAt = Date.now();
    children.set(child.name, child);
    log(`${child.name} ${ready ? "restarted" : "started"} (pid ${child.child.pid})`);
    void child.exited.then((code) => {
      if (stopping) return;
      if (!ready) {
        log(`${child.name} exited (${code}); stopping the stack`);
        void shutdown(1);
        return;
      }
      attempt = Date.now() - startedAt < STABLE_AFTER_MS ? attempt + 1 : 1;
      const delay = RESTART_DELAYS_MS[Math.min(attempt, RESTART_DELAYS_MS.length) - 1] ?? 0;
      log(`${child.name} exited (${code}); restarting it in ${delay / 1000} s`);
      const timer = setTimeout(() => {
        restarts.delete(timer);
        run();
      }, delay);
      restarts.add(timer);
    });
  };
  run();
}

async function main() {
  const startedAt = Date.now();
  let databaseUrls: Record<App, string>;
  let migrationUrl: string;
  if (config.DATABASE_URL) {
    databaseUrls = { api: config.DATABASE_URL, web: config.DATABASE_URL };
    migrationUrl = config.MIGRATION_DATABASE_URL || config.DATABASE_URL;
  } else {
    const dbLog = logger("db");
    const dataDir = config.EMBEDDED_PG_DATA_DIR || join(LOCAL_DATA_DIR, "pg");
    const dbPort = config.EMBEDDED_PG_PORT ?? EMBEDDED_DEFAULT_PORT;
    dbLog(
      `starting embedded PostgreSQL on port ${dbPort} (data in ${config.EMBEDDED_PG_DATA_DIR || ".data/pg"})`,
    );
    database = await startEmbeddedPostgres({
      dataDir,
      port: dbPort,
      // PostgreSQL's own chatter stays out; problems, "ready" and the shutdown come through.
      log: (line) => {
        if (
          /ERROR|FATAL|PANIC|WARNING|ready to accept|shutdown request|system is shut down/.test(
            line,
          )
        )
          dbLog(line);
      },
    });
    migrationUrl = database.url;
    databaseUrls = database.roleUrls;
  }
  logger("db")("applying migrations");
  await migrate(migrationUrl);

  const webLog = logger("web");
  if (!dev) {
    const build = await ensureWebBuild(webLog);
    if (build === "reused") webLog("sources unchanged: reusing the last production build");
  }

  const shared = {
    ...inherited,
    BETTER_AUTH_SECRET: secret,
    BETTER_AUTH_URL: authUrl,
  };
  const startApi = () =>
    supervise(() =>
      startProcess({
        name: "api",
        ...(dev
          ? { command: BIN("tsx"), args: ["watch", "apps/api/src/server.ts"] }
          : {
              command: process.execPath,
              args: ["--enable-source-maps", "apps/api/dist/server.js"],
            }),
        env: {
          ...shared,
          DATABASE_URL: databaseUrls.api,
          API_PORT: apiPort,
          // EdDSA: the API verifies with the web app's public keys and holds no shared secret.
          ...(tokenAlg === "EdDSA"
            ? { AUTH_JWKS_URL: `${authUrl}/api/auth/jwks`, BETTER_AUTH_SECRET: undefined }
            : {}),
        },
      }),
    );
  // In EdDSA mode the API fetches the web app's JWKS (and refetches at most every 30 s), so the
  // web app goes first; otherwise both start at once.
  if (tokenAlg !== "EdDSA") startApi();
  supervise(() =>
    startProcess({
      name: "web",
      command: BIN("next"),
      args: [dev ? "dev" : "start", "--port", port, "--hostname", host],
      cwd: WEB_DIR,
      env: {
        ...shared,
        DATABASE_URL: databaseUrls.web,
        ...(webNodeEnv ? { NODE_ENV: webNodeEnv } : {}),
        API_URL: apiUrl,
        AUTH_TOKEN_ALG: tokenAlg,
        NEXT_TELEMETRY_DISABLED: "1",
      },
    }),
  );
  await waitForHttp(`http://localhost:${port}/`, { timeoutMs: READY_TIMEOUT_MS });
  if (tokenAlg === "EdDSA") startApi();
  await waitForHttp(`http://localhost:${apiPort}/readyz`, { timeoutMs: READY_TIMEOUT_MS });
  ready = true;
  log(`started in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  // Unprefixed: the one line people and scripts look for.
  process.stdout.write(`Ready: ${authUrl}\n`);
}

main().catch((error: unknown) => {
  log(`start-up failed: ${error instanceof Error ? error.message : String(error)}`);
  void shutdown(1);
});
