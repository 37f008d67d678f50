import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { HttpProblem } from "../../lib/problem";

export interface RateLimitOptions {
  perMinute: number;
  /** Route URLs (as declared) that are never limited: health checks and documentation. */
  exempt: (url: string) => boolean;
}

/**
 * One global onRequest hook, added after `identify`, so requests are counted per `sub`
 * when the token is valid and per client IP otherwise — before any 401/403/404.
 */
async function rateLimiter(app: FastifyInstance, options: RateLimitOptions) {
  await app.register(rateLimit, {
    global: false,
    max: options.perMinute,
    timeWindow: 60_000,
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

export default fp(rateLimiter, { name: "rate-limit", dependencies: ["identify"] });
