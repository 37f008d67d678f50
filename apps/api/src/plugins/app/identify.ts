import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { JwksCache } from "../../auth/jwks-cache";
import {
  createHs256Verifier,
  createJwksVerifier,
  type Principal,
  type TokenVerifier,
} from "../../auth/token-verifier";

export type Authentication = { state: "invalid" } | { state: "valid"; principal: Principal };

declare module "fastify" {
  interface FastifyRequest {
    /** null: no Authorization header was sent. */
    authentication: Authentication | null;
  }
}

export interface IdentifyOptions {
  /** HS256 mode's key. */
  secret: string | undefined;
  issuer: string;
  /** JWKS mode: set, and no secret is needed. */
  jwksUrl: string | undefined;
  /** JWKS mode: how long after a failed fetch the next may start (default: the cache's). */
  jwksRetryIntervalMs?: number | undefined;
}

const INVALID: Authentication = { state: "invalid" };
const BEARER = /^Bearer +([^ ]+) *$/i;

/**
 * Verifies the bearer token of every request, without rejecting any: the rate limiter
 * keys by the resulting `sub`, and the tasks routes' guard decides on 401/403. A token of an
 * ended session (or issued before its user's cutoff) is as invalid as a forged one.
 */
async function identify(app: FastifyInstance, options: IdentifyOptions) {
  let verify: TokenVerifier;
  if (options.jwksUrl) {
    const jwks = new JwksCache({
      url: options.jwksUrl,
      issuer: options.issuer,
      ...(options.jwksRetryIntervalMs ? { retryIntervalMs: options.jwksRetryIntervalMs } : {}),
      onError: (error) => app.log.warn({ err: error }, "JWKS fetch failed"),
    });
    jwks.prime();
    verify = createJwksVerifier(jwks);
  } else if (options.secret) {
    verify = createHs256Verifier(options.secret, options.issuer);
  } else {
    throw new Error("HS256 mode needs the shared secret; JWKS mode needs AUTH_JWKS_URL");
  }

  app.decorateRequest("authentication", null);
  app.addHook("onRequest", async (request) => {
    const header = request.headers.authorization;
    if (header === undefined) return;
    const token = BEARER.exec(header)?.[1];
    const principal = token ? await verify(token) : null;
    request.authentication =
      principal && !app.revocations.refuses(principal) ? { state: "valid", principal } : INVALID;
  });
}

export default fp(identify, { name: "identify", dependencies: ["revocation-feed"] });
