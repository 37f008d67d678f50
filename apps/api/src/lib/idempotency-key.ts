import { z } from "zod";
import { invalidRequest } from "./problem";

declare module "fastify" {
  interface FastifyRequest {
    /** The body as sent, before validation transforms it: what a key's request hash covers. */
    sentBody: unknown;
  }
}

const IDEMPOTENCY_KEY = /^[\x21-\x7E]{1,255}$/;

export const idempotencyKeyHeaders = z.object({
  "idempotency-key": z
    .string()
    .optional()
    .describe("1 to 255 visible ASCII characters, unique per request."),
});

/** The `Idempotency-Key` header, if sent; a malformed one is a 422. */
export function idempotencyKey(header: string | undefined): string | undefined {
  if (header !== undefined && !IDEMPOTENCY_KEY.test(header)) {
    throw invalidRequest([
      { path: "Idempotency-Key", message: "Must be 1 to 255 visible ASCII characters" },
    ]);
  }
  return header;
}
