import cluster from "node:cluster";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "@todo/db/embedded";
import { migrate } from "@todo/db/migrate";
import { mailTransport } from "@todo/mail/mailer";
import closeWithGrace from "close-with-grace";
import { buildApp } from "./app";
import { runPrimary } from "./cluster";
import { ConfigError, loadConfig } from "./env";

/** How long in-flight requests may take to finish after SIGTERM/SIGINT. */
const SHUTDOWN_GRACE_MS = 10_000;
const DUPLICATE_SIGNAL_WINDOW_MS = 1_000;

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`todo-api: ${error.message}`);
    process.exit(1);
  }
  if (cluster.isPrimary && config.workers > 1) return runPrimary(config);

  let embedded: EmbeddedPostgres | undefined;
  let databaseUrl = config.databaseUrl;
  let migrationUrl = config.migrationDatabaseUrl;
  if (!databaseUrl) {
    // Development default: a persistent PostgreSQL under .data/pg, started and stopped with us.
    embedded = await startEmbeddedPostgres(config.embedded);
    databaseUrl = embedded.roleUrls.api;
    migrationUrl = embedded.url;
  }

  const app = await buildApp({
    ...config,
    mail: mailTransport(config.mail),
    databaseUrl,
    logger: { level: config.logLevel, requests: config.requestLog },
  });
  let closingSince = 0;
  const options = {
    delay: SHUTDOWN_GRACE_MS,
    logger: app.log,
    // Ctrl-C reaches us twice: from the terminal's process group and relayed by tsx.
    onSecondSignal: (signal: string) => {
      if (Date.now() - closingSince < DUPLICATE_SIGNAL_WINDOW_MS) return;
      app.log.error({ signal }, "second signal, exiting now");
      process.exit(1);
    },
  };
  closeWithGrace(options, async ({ signal, err }) => {
    closingSince = Date.now();
    if (err) app.log.error({ err }, "shutting down after an error");
    else app.log.info({ signal }, "shutting down");
    // Stops accepting, lets in-flight requests finish, then closes the pool (onClose).
    await app.close();
    await embedded?.stop();
  });

  try {
    await migrate(migrationUrl ?? databaseUrl);
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    app.log.error({ err: error }, "start-up failed");
    await app.close();
    await embedded?.stop();
    process.exit(1);
  }
}

await main();
