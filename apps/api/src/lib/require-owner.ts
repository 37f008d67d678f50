import type { FastifyReply, FastifyRequest } from "fastify";
import { HttpProblem } from "./problem";

const REALM = 'Bearer realm="todo"';

declare module "fastify" {
  interface FastifyRequest {
    /** `{user_id}`, already checked against the token's `sub`. */
    ownerId: string;
  }
}

/**
 * The guard of every `/api/{user_id}/…` route, as an onRequest hook: 401 without a valid token,
 * 403 when its `sub` is not `{user_id}` — before the body is read.
 */
export async function requireOwner(request: FastifyRequest, reply: FastifyReply) {
  // An empty segment (`/api//tasks`, `…/tasks/`) names no route, whatever the token.
  if (Object.values(request.params as Record<string, string>).includes("")) {
    return reply.callNotFound();
  }
  const { authentication } = request;
  if (authentication?.state !== "valid") {
    const sent = authentication !== null;
    throw new HttpProblem(
      401,
      sent ? "The bearer token is invalid or expired." : "A bearer token is required.",
      undefined,
      { "www-authenticate": sent ? `${REALM}, error="invalid_token"` : REALM },
    );
  }
  const { user_id: userId } = request.params as { user_id?: string };
  if (authentication.principal.sub !== userId) {
    throw new HttpProblem(403, "The token does not grant access to this user's data.");
  }
  request.ownerId = userId;
}
