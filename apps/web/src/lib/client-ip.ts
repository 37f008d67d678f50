import "server-only";
import { randomBytes } from "node:crypto";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import { isIP, type Socket } from "node:net";
import proxyaddr from "@fastify/proxy-addr";

/** `TRUST_PROXY` parsed: a hop count, address ranges, or unset (trust no forwarded header). */
export type TrustProxy = number | string[] | undefined;

export interface AddressSources {
  /** The TCP peer: the client itself, or the nearest proxy. */
  peer: string | undefined;
  forwardedFor?: string | string[] | undefined;
  realIp?: string | string[] | undefined;
}

const MAPPED_IPV4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

function validIp(address: string | undefined): string | undefined {
  const trimmed = address?.trim();
  if (!trimmed || !isIP(trimmed)) return undefined;
  return trimmed.replace(MAPPED_IPV4, "$1");
}

/**
 * The client's address under docs/api.md, Transport, with proxy-addr's rules (Fastify's, so the
 * API and the web app agree): walking from the peer towards the client through
 * `X-Forwarded-For`, every trusted hop is skipped and the first untrusted address is the client.
 * Without `X-Forwarded-For`, a trusted peer's `X-Real-IP` names the client. Undefined when the
 * answer is not an IP address (a malformed header from a trusted proxy, an unknown peer).
 */
export function resolveClientIp(sources: AddressSources, trust: TrustProxy): string | undefined {
  const peer = validIp(sources.peer);
  if (!peer || trust === undefined) return peer;
  const trusts =
    typeof trust === "number" ? (_: string, hop: number) => hop < trust : proxyaddr.compile(trust);
  const forwardedFor = [sources.forwardedFor].flat().join(",");
  if (!forwardedFor.trim()) {
    const realIp = typeof sources.realIp === "string" ? sources.realIp : undefined;
    return trusts(peer, 0) ? (validIp(realIp) ?? peer) : peer;
  }
  const request = { socket: { remoteAddress: peer }, headers: { "x-forwarded-for": forwardedFor } };
  return validIp(proxyaddr(request as unknown as IncomingMessage, trusts));
}

const STATE = Symbol.for("todo.client-ip");
type State = { header: string; stamping: boolean };

/**
 * Instrumentation and the route handlers are bundled apart, so the state lives on globalThis.
 * The header name is random per process: no client can send it, so a request that arrived
 * before stamping began simply has no client IP.
 */
function state(): State {
  const global = globalThis as { [STATE]?: State };
  global[STATE] ??= {
    header: `x-todo-client-ip-${randomBytes(8).toString("hex")}`,
    stamping: false,
  };
  return global[STATE];
}

/** The request header that carries the client IP resolved from the socket. */
export function clientIpHeader(): string {
  return state().header;
}

/** The client IP of a request stamped by `stampClientIps`. */
export function clientIp(headers: Headers | undefined): string | undefined {
  return headers?.get(clientIpHeader()) ?? undefined;
}

/**
 * `next start` hands route handlers no socket address: it only sets `X-Forwarded-For` from the
 * socket when the client sent none (`??=` in next/dist/server/base-server.js), so a client-sent
 * value is indistinguishable from a real one. Node publishes every incoming request on this
 * diagnostics channel before the server's request listener runs; the resolved address is
 * written into a header there, from the socket and `TRUST_PROXY`.
 */
export function stampClientIps(trust: TrustProxy): void {
  const current = state();
  if (current.stamping) return;
  current.stamping = true;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    const ip = resolveClientIp(
      {
        peer: socket.remoteAddress,
        forwardedFor: request.headers["x-forwarded-for"],
        realIp: request.headers["x-real-ip"],
      },
      trust,
    );
    if (ip) request.headers[current.header] = ip;
  });
}
