import type { FastifyRequest, FastifyServerOptions } from "fastify";

/**
 * TRUST_PROXY as Fastify's `trustProxy`: CIDRs as they are; a hop count n as a function, since
 * Fastify takes a bare number to trust nothing (it cannot check the peer): the n nearest
 * addresses of the chain, the socket's first, are proxies and the next one is the client.
 */
export function trustedProxies(
  trust: number | string[] | undefined,
): FastifyServerOptions["trustProxy"] {
  if (Array.isArray(trust)) return trust;
  if (!trust) return false;
  return (_address: string, hop: number) => hop < trust;
}

/**
 * X-Real-IP names the client as the nearest proxy saw it: without X-Forwarded-For it stands
 * for a one-entry X-Forwarded-For, believed under the same trust rule (only from a trusted peer).
 */
export async function forwardRealIp(request: FastifyRequest): Promise<void> {
  const { headers } = request.raw;
  const realIp = headers["x-real-ip"];
  if (headers["x-forwarded-for"] === undefined && typeof realIp === "string") {
    headers["x-forwarded-for"] = realIp;
  }
}
