import cluster from "node:cluster";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "@todo/db/embedded";
import { migrate } from "@todo/db/migrate";
import type { Config } from "./env";

const log = (message: string) => console.error(`todo-api primary: ${message}`);

/**
 * `API_WORKERS=N`: this process migrates once, then forks N servers (this same entry point)
 * that share the listening port. They hold no state, so any of them may answer any request;
 * the rate limit is counted in PostgreSQL. SIGTERM/SIGINT is passed on to every worker,
 * which shuts down gracefully; the primary exits once all have, 0 when all exited 0 (or, still
 * starting, were ended by that signal). A worker that dies after it was listening is replaced;
 * one that fails to start stops all.
 */
export async function runPrimary(config: Config): Promise<void> {
  let embedded: EmbeddedPostgres | undefined;
  let databaseUrl = config.databaseUrl;
  try {
    let migrationUrl = config.migrationDatabaseUrl;
    if (!databaseUrl) {
      embedded = await startEmbeddedPostgres(config.embedded);
      databaseUrl = embedded.roleUrls.api;
      migrationUrl = embedded.url;
    }
    await migrate(migrationUrl ?? databaseUrl);
  } catch (error) {
    log(`start-up failed: ${(error as Error).message}`);
    await embedded?.stop();
    process.exit(1);
  }

  let stopping: NodeJS.Signals | undefined;
  let failed = false;
  let alive = 0;
  const listening = new Set<number>();
  const fork = () => {
    alive++;
    cluster.fork({ DATABASE_URL: databaseUrl });
  };
  const stop = (signal: NodeJS.Signals) => {
    // Ctrl-C reaches the workers from the terminal too; they ignore the relayed duplicate.
    if (stopping) return;
    stopping = signal;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };

  cluster.on("listening", (worker) => listening.add(worker.id));
  cluster.on("exit", (worker, code, signal) => {
    alive--;
    if (!stopping) {
      if (listening.has(worker.id)) {
        log(`worker ${worker.process.pid} died (${signal ?? code}); starting another`);
        fork();
        return;
      }
      log(`worker ${worker.process.pid} failed to start; stopping`);
      failed = true;
      stop("SIGTERM");
    }
    // A worker still starting has no handler yet, so the relayed signal ends it: it had nothing
    // to finish, which is a graceful stop. A listening one must exit 0 by itself.
    const stoppedBeforeListening = !listening.has(worker.id) && signal === stopping;
    if (code !== 0 && !stoppedBeforeListening) failed = true;
    if (alive === 0) {
      void Promise.resolve(embedded?.stop()).finally(() => process.exit(failed ? 1 : 0));
    }
  });
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);

  for (let n = 0; n < config.workers; n++) fork();
  log(`${config.workers} workers on ${config.host}:${config.port}`);
}
