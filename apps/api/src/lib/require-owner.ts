import type { FastifyReply, FastifyRequest } from "fastify";
import { HttpProblem } from "./problem";

const REALM = 'Bearer realm="todo"';

declare module "fastify" {
  interface FastifyRequest {
    /** `{user_id}`, already checked against the token's `sub`. */
    ownerId: string;
  }
}

/** The 401 for a token that was sent and is refused: forged, expired, or of an ended session. */
export const invalidToken = () =>
  new HttpProblem(401, "The bearer token is invalid or expired.", undefined, {
    "www-authenticate": `${REALM}, error="invalid_token"`,
  });

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
  if (authentication?.state === "invalid") throw invalidToken();
  if (authentication === null) {
    throw new HttpProblem(401, "A bearer token is required.", undefined, {
      "www-authenticate": REALM,
    });
  }
  const { user_id: userId } = request.params as { user_id?: string };
  if (authentication.principal.sub !== userId) {
    throw new HttpProblem(403, "The token does not grant access to this user's data.");
  }
  request.ownerId = userId;
}
