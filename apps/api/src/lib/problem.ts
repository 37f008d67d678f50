import type { FieldError, Problem } from "@todo/contract/problem";
import { PROBLEM_CONTENT_TYPE, problemSchema } from "@todo/contract/problem";
import type { FastifyReply } from "fastify";

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  412: "Precondition Failed",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** Seconds a client should wait before retrying while the database is unreachable. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

export function problem(status: number, detail: string, errors?: FieldError[]): Problem {
  return {
    type: "about:blank",
    title: TITLES[status] ?? "Error",
    status,
    detail,
    ...(errors ? { errors } : {}),
  };
}

/** An error that the error handler turns into exactly this problem document. */
export class HttpProblem extends Error {
  constructor(
    readonly statusCode: number,
    detail: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = "HttpProblem";
  }
}

/** The detail of every 422: `errors` says what is wrong, field by field. */
export const INVALID_REQUEST = "The request is not valid.";

/** 422: the request is well-formed but these fields are not acceptable. */
export function invalidRequest(errors: FieldError[], detail = INVALID_REQUEST): HttpProblem {
  return new HttpProblem(422, detail, errors);
}

/** 404 for a resource of the user's that does not exist (or is another user's). */
export function notFound(resource: string): HttpProblem {
  return new HttpProblem(404, `No such ${resource}.`);
}

/** Ids beyond the safe integer range name no `resource`: the 404 of a missing one. */
export function existingId(id: number, resource: string): number {
  if (!Number.isSafeInteger(id)) throw notFound(resource);
  return id;
}

/** 412: `If-Match` names no current version of the resource. */
export function preconditionFailed(resource: string): HttpProblem {
  return new HttpProblem(412, `The ${resource} has changed since the given ETag.`);
}

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.code(body.status).type(PROBLEM_CONTENT_TYPE).send(body);
}

/** Route schema responses: problem documents, under their own media type, for these statuses. */
export const errorResponses = (...statuses: number[]) =>
  Object.fromEntries(
    [401, 403, 429, 500, 503, ...statuses].map((status) => [
      status,
      { content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } } },
    ]),
  );
