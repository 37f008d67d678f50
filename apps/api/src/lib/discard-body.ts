import type { IncomingMessage } from "node:http";

/** After a 413, at most this much more of the body is read (and dropped)… */
const DISCARD_LIMIT_BYTES = 1024 * 1024;
/** …for at most this long; then the connection is cut. */
const DISCARD_TIMEOUT_MS = 5_000;

/**
 * Reads and drops the rest of a refused body, so a client still sending gets to read the answer:
 * a socket closed with data unread is reset, and the client loses the response with it (EPIPE,
 * ECONNRESET). Resolves once the body has ended (the connection is then in a clean state) or
 * the connection was cut for going on too long.
 */
export function discardRemainingBody(request: IncomingMessage): Promise<void> {
  if (request.complete || request.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let received = 0;
    const cut = () => request.socket.destroy();
    const timer = setTimeout(cut, DISCARD_TIMEOUT_MS);
    const count = (chunk: Buffer) => {
      received += chunk.length;
      if (received > DISCARD_LIMIT_BYTES) cut();
    };
    const done = () => {
      clearTimeout(timer);
      request.off("data", count);
      resolve();
    };
    request.on("data", count);
    request.once("end", done);
    request.once("close", done);
  });
}
