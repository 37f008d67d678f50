import { DB_TIMEOUTS } from "@todo/db/client";
import { REVOCATION_RETENTION_SECONDS, REVOCATIONS_CHANNEL } from "@todo/db/schema";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import pg from "pg";
import { type Revocation, Revocations } from "../../auth/revocations";
import { loggableError } from "../../lib/database-errors";

declare module "fastify" {
  interface FastifyInstance {
    /** Ended sessions and user-wide cutoffs, kept current by the feed. */
    revocations: Revocations;
    revocationFeed: RevocationFeed;
  }
}

export interface RevocationFeedOptions {
  /** A direct connection: a pooler in transaction mode does not keep a LISTEN. */
  url: string;
}

const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 2_000;
/** A query on the idle connection: a silently dropped one is noticed, and no NAT forgets it. */
const HEARTBEAT_MS = 15_000;
const QUERY_TIMEOUT_MS = 5_000;
const SWEEP_INTERVAL_MS = 60_000;

const LOAD = {
  text: `select user_id, session_id, extract(epoch from revoked_at)::float8 * 1000 as revoked_at
    from revocations where revoked_at > now() - $1 * interval '1 second'`,
  values: [REVOCATION_RETENTION_SECONDS],
};

interface Row {
  user_id: unknown;
  session_id: unknown;
  revoked_at: unknown;
}

function toRevocation(row: Row): Revocation | null {
  const { user_id: userId, session_id: sessionId, revoked_at: revokedAt } = row;
  if (typeof userId !== "string" || typeof revokedAt !== "number") return null;
  if (sessionId !== null && typeof sessionId !== "string") return null;
  return { userId, sessionId, revokedAt: Math.round(revokedAt) };
}

/**
 * One dedicated connection (not from the pool) that LISTENs for new revocations. On every
 * (re)connect it listens first and then reads the whole table, so nothing committed while it
 * was away is missed; a row that arrives both ways is applied twice, which changes nothing.
 * A lost connection is retried with a growing, jittered delay.
 */
export class RevocationFeed {
  #client: pg.Client | null = null;
  #connected = false;
  #stopped = false;
  #failures = 0;
  #attempt: Promise<void> | null = null;
  #retry: NodeJS.Timeout | undefined;
  #heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: string,
    private readonly revocations: Revocations,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Listening, and the table read since the last (re)connect. */
  get connected(): boolean {
    return this.#connected;
  }

  /** The first attempt; on failure the feed keeps retrying in the background. */
  start(): Promise<void> {
    if (new URL(this.url).hostname.includes("-pooler")) {
      this.log.warn(
        "the revocation feed connects through a pooler, which may not keep LISTEN: set DATABASE_DIRECT_URL",
      );
    }
    return this.#reconnect();
  }

  /**
   * Connected now, or within `timeoutMs` by an attempt made at once instead of after the
   * backoff: a readiness probe that finds the database back need not wait for the next retry.
   */
  async connectNow(timeoutMs: number): Promise<boolean> {
    if (this.#connected || this.#stopped) return this.#connected;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.#reconnect(),
      new Promise((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    return this.#connected;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#retry);
    const client = this.#client;
    this.#drop();
    await client?.end().catch(() => {});
  }

  /** One attempt at a time: a call during one joins it. */
  #reconnect(): Promise<void> {
    clearTimeout(this.#retry);
    this.#attempt ??= this.#connect().finally(() => {
      this.#attempt = null;
    });
    return this.#attempt;
  }

  async #connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.url,
      application_name: "todo-api-revocations",
      connectionTimeoutMillis: DB_TIMEOUTS.connectMs,
      query_timeout: QUERY_TIMEOUT_MS,
      keepAlive: true,
    });
    this.#client = client;
    client.on("notification", ({ channel, payload }) => {
      if (channel === REVOCATIONS_CHANNEL) this.#apply(payload);
    });
    client.on("error", (error) => this.#lost(client, error));
    client.on("end", () => this.#lost(client, new Error("connection ended")));
    try {
      await client.connect();
      await client.query(`LISTEN ${REVOCATIONS_CHANNEL}`);
      const { rows } = await client.query<Row>(LOAD);
      if (this.#client !== client) return;
      for (const row of rows) {
        const revocation = toRevocation(row);
        if (revocation) this.revocations.add(revocation);
      }
      this.#connected = true;
      this.#failures = 0;
      this.#heartbeat = setInterval(() => {
        client.query("select 1").catch((error: unknown) => this.#lost(client, error));
      }, HEARTBEAT_MS).unref();
      this.log.info({ revocations: this.revocations.size }, "revocation feed connected");
    } catch (error) {
      this.#lost(client, error);
    }
  }

  #apply(payload: string | undefined): void {
    let revocation: Revocation | null = null;
    try {
      revocation = toRevocation(JSON.parse(payload ?? "") as Row);
    } catch {}
    if (revocation) this.revocations.add(revocation);
    else this.log.error("revocation feed: a notification that is not a revocation");
  }

  #drop(): void {
    clearInterval(this.#heartbeat);
    this.#client = null;
    this.#connected = false;
  }

  #lost(client: pg.Client, error: unknown): void {
    if (this.#client !== client) return;
    this.#drop();
    client.end().catch(() => {});
    if (this.#stopped) return;
    const ceiling = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** this.#failures++);
    // Jitter spreads the reconnects of many processes after the database returns.
    const delay = Math.round(ceiling * (0.5 + Math.random() / 2));
    this.log.warn(
      { err: loggableError(error), retryInMs: delay },
      "revocation feed disconnected; sessions that end meanwhile are refused once it reconnects",
    );
    this.#retry = setTimeout(() => void this.#reconnect(), delay);
  }
}

/** The in-memory revocations, the feed that keeps them current, and their sweep. */
async function revocationFeed(app: FastifyInstance, options: RevocationFeedOptions) {
  const revocations = new Revocations();
  const feed = new RevocationFeed(options.url, revocations, app.log);
  app.decorate("revocations", revocations);
  app.decorate("revocationFeed", feed);

  const sweep = setInterval(() => revocations.sweep(), SWEEP_INTERVAL_MS).unref();
  app.addHook("onReady", () => feed.start());
  app.addHook("onClose", async () => {
    clearInterval(sweep);
    await feed.stop();
  });
}

export default fp(revocationFeed, { name: "revocation-feed" });
