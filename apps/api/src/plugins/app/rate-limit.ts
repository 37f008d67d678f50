import rateLimit, { type FastifyRateLimitStoreCtor } from "@fastify/rate-limit";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { loggableError } from "../../lib/database-errors";
import { HttpProblem } from "../../lib/problem";
import { BatchedRateLimitStore } from "./rate-limit-store";

export interface RateLimitOptions {
  perMinute: number;
  /** Route URLs (as declared) that are never limited: health checks and documentation. */
  exempt: (url: string) => boolean;
}

const WINDOW_MS = 60_000;
/** How often each process writes its counts to the shared table. */
const FLUSH_INTERVAL_MS = 100;
const SWEEP_INTERVAL_MS = 60 * 60 * 1000;

/**
 * One global onRequest hook, added after `identify`, so requests are counted per `sub`
 * when the token is valid and per client IP otherwise — before any 401/403/404. The counts
 * are kept in memory and flushed to PostgreSQL in batches, shared by every API process.
 */
async function rateLimiter(app: FastifyInstance, options: RateLimitOptions) {
  const store = new BatchedRateLimitStore(app.pool, {
    timeWindowMs: WINDOW_MS,
    flushIntervalMs: FLUSH_INTERVAL_MS,
    onFlushError: (error) => {
      app.log.warn({ err: loggableError(error) }, "rate limit flush failed");
    },
  });
  const timer = setInterval(() => {
    store.sweep(WINDOW_MS).catch((error: unknown) => {
      app.log.warn({ err: loggableError(error) }, "rate limit sweep failed");
    });
  }, SWEEP_INTERVAL_MS).unref();
  // Runs before the database plugin's (hooks close in reverse order): the pool is still open.
  app.addHook("onClose", async () => {
    clearInterval(timer);
    await store.close();
  });

  await app.register(rateLimit, {
    global: false,
    // A constructor that returns the shared instance; store errors are not skipped, so an
    // unreachable database is a 503 here, as on every route that needs it.
    store: function sharedStore() {
      return store;
    } as unknown as FastifyRateLimitStoreCtor,
    max: options.perMinute,
    timeWindow: WINDOW_MS,
    keyGenerator: (request) =>
      request.authentication?.state === "valid"
        ? `sub:${request.authentication.principal.sub}`
        : `ip:${request.ip}`,
    allowList: (request) => {
      const url = request.routeOptions.url;
      return url !== undefined && options.exempt(url);
    },
    errorResponseBuilder: (_request, context) =>
      new HttpProblem(429, `Rate limit exceeded; retry in ${context.after}.`),
  });
  app.addHook("onRequest", app.rateLimit());
}

export default fp(rateLimiter, { name: "rate-limit", dependencies: ["identify", "database"] });
