import type { FieldError } from "@todo/contract/problem";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { isDatabaseUnavailable, loggableError } from "../../lib/database-errors";
import { discardRemainingBody } from "../../lib/discard-body";
import {
  HttpProblem,
  INVALID_REQUEST,
  problem,
  sendProblem,
  UNAVAILABLE_RETRY_AFTER_SECONDS,
} from "../../lib/problem";

const CONTEXT_NAMES: Record<string, string> = {
  body: "body",
  querystring: "query",
  params: "path",
  headers: "headers",
};

interface ValidationIssue {
  instancePath: string;
  message?: string;
  keyword: string;
  params?: { keys?: unknown };
}

/** Zod issues as `{path, message}`: dotted paths, one entry per unknown key. */
function fieldErrors(issues: ValidationIssue[], context: string | undefined): FieldError[] {
  return issues.flatMap((issue) => {
    const path = issue.instancePath.split("/").filter(Boolean).join(".");
    const message = issue.message ?? "Invalid value";
    const keys = issue.params?.keys;
    if (issue.keyword === "unrecognized_keys" && Array.isArray(keys)) {
      return keys.map((key) => ({
        path: path ? `${path}.${String(key)}` : String(key),
        message: "Unknown field",
      }));
    }
    return [{ path: path || CONTEXT_NAMES[context ?? ""] || "body", message }];
  });
}

/** `16 KiB`, `5 MiB`: the body limits, as a person reads them. */
function byteSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MiB` : `${bytes / 1024} KiB`;
}

/**
 * Every error, the framework's own included, leaves as an RFC 9457 problem document;
 * 5xx responses never carry the error's message.
 */
async function problemDetails(app: FastifyInstance) {
  const noRoute = (request: FastifyRequest, reply: FastifyReply) =>
    sendProblem(reply, problem(404, `No route ${request.method} ${request.url.split("?")[0]}.`));
  app.setNotFoundHandler(noRoute);

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    // A path or method that no route has is a 404, whatever its body or content type.
    if (request.is404) return noRoute(request, reply);
    if (error instanceof HttpProblem) {
      reply.headers(error.headers);
      return sendProblem(reply, problem(error.statusCode, error.message, error.errors));
    }
    if (error.validation) {
      const errors = fieldErrors(error.validation as ValidationIssue[], error.validationContext);
      return sendProblem(reply, problem(422, INVALID_REQUEST, errors));
    }
    switch (error.code) {
      case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
        return sendProblem(reply, problem(415, "The body must be application/json."));
      case "FST_ERR_CTP_BODY_TOO_LARGE": {
        // Fastify would close the connection while the client is still sending. Instead the
        // rest is read (bounded) and the connection kept; one the client asked to close is
        // closed right after the answer, so there the answer waits for the rest.
        const discarded = discardRemainingBody(request.raw);
        if (reply.raw.shouldKeepAlive) reply.removeHeader("connection");
        else await discarded;
        const limit = byteSize(request.routeOptions.bodyLimit);
        return sendProblem(reply, problem(413, `The body is larger than ${limit}.`));
      }
      case "FST_ERR_CTP_INVALID_JSON_BODY":
      case "FST_ERR_CTP_EMPTY_JSON_BODY":
      case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
        return sendProblem(reply, problem(400, "The body is not valid JSON."));
    }
    if (isDatabaseUnavailable(error)) {
      request.log.error({ err: loggableError(error) }, "database unavailable");
      reply.header("retry-after", String(UNAVAILABLE_RETRY_AFTER_SECONDS));
      return sendProblem(reply, problem(503, "The service is temporarily unavailable."));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return sendProblem(reply, problem(status, "The request cannot be processed."));
    }
    request.log.error({ err: loggableError(error) }, "request failed");
    return sendProblem(reply, problem(500, "An unexpected error occurred."));
  });
}

export default fp(problemDetails, { name: "problem-details" });
