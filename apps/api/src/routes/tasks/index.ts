import { listQuerySchema, taskListSchema } from "@todo/contract/list-query";
import { resourceParamsSchema, userParamsSchema } from "@todo/contract/params";
import {
  createTaskSchema,
  setCompletedSchema,
  taskSchema,
  updateTaskSchema,
} from "@todo/contract/task";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { canonicalJson, sha256Hex } from "../../lib/canonical-json";
import { noneMatch, parseIfMatch } from "../../lib/etag";
import { idempotencyKey, idempotencyKeyHeaders } from "../../lib/idempotency-key";
import {
  errorResponses,
  existingId,
  HttpProblem,
  invalidRequest,
  notFound,
  preconditionFailed,
} from "../../lib/problem";
import { requireOwner } from "../../lib/require-owner";
import {
  InvalidCursorError,
  InvalidFieldsError,
  type MutationResult,
  type TaskRecord,
} from "../../repositories/tasks-repository";

export const ifMatchHeaders = z.object({
  "if-match": z
    .string()
    .optional()
    .describe("An ETag of the resource, a list of them, or *; a stale one is a 412."),
});

function taskLocation(record: TaskRecord): string {
  return `/api/${encodeURIComponent(record.task.user_id)}/tasks/${record.task.id}`;
}

/** A 422 for the fields the repository found invalid (a list that is not this user's…). */
async function validated<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (error instanceof InvalidFieldsError) {
      throw invalidRequest(error.errors);
    }
    throw error;
  }
}

/**
 * JSON that PostgreSQL wrote (ADR 0037), sent as is: the response schema documents it and is
 * not run over it again.
 */
function sendJson(reply: FastifyReply, json: string) {
  return reply.header("content-type", "application/json; charset=utf-8").send(json);
}

function mutated(result: MutationResult, reply: FastifyReply) {
  if (result.outcome === "not_found") throw notFound("task");
  if (result.outcome === "precondition_failed") {
    throw preconditionFailed("task");
  }
  reply.header("etag", result.record.etag);
  return result.record.task;
}

export default async function taskRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.decorateRequest("ownerId", "");
  app.decorateRequest("sentBody", undefined);
  app.addHook("onRequest", requireOwner);

  const tags = ["tasks"];
  const security = [{ bearer: [] }];

  app.get(
    "/api/:user_id/tasks",
    {
      schema: {
        operationId: "listTasks",
        summary: "List tasks",
        description: "Filtered, sorted, keyset-paginated; `total` counts every matching task.",
        tags,
        security,
        params: userParamsSchema,
        querystring: listQuerySchema,
        response: { 200: taskListSchema, ...errorResponses(422) },
      },
    },
    async (request, reply) => {
      try {
        return sendJson(reply, await validated(app.tasks.list(request.ownerId, request.query)));
      } catch (error) {
        if (error instanceof InvalidCursorError) {
          throw invalidRequest([{ path: "cursor", message: error.message }]);
        }
        throw error;
      }
    },
  );

  app.post(
    "/api/:user_id/tasks",
    {
      schema: {
        operationId: "createTask",
        summary: "Create a task",
        description:
          "With `Idempotency-Key`, a repeat of the same body within 24 hours returns the first " +
          "response (with `Idempotent-Replayed: true`); the same key with another body is a 409.",
        tags,
        security,
        params: userParamsSchema,
        headers: idempotencyKeyHeaders,
        body: createTaskSchema,
        response: { 201: taskSchema, ...errorResponses(400, 409, 413, 415, 422) },
      },
      // The key's hash covers the JSON value as sent, so defaults and trimming cannot mask a
      // difference; it is taken once the body is valid (and so shallow), in the handler.
      preValidation: async (request) => {
        request.sentBody = request.body;
      },
    },
    async (request, reply) => {
      const key = idempotencyKey(request.headers["idempotency-key"]);
      const result = await validated(
        app.tasks.create(
          request.ownerId,
          request.body,
          key === undefined
            ? undefined
            : { key, requestHash: sha256Hex(canonicalJson(request.sentBody)) },
        ),
      );
      if (result.outcome === "key_reused") {
        throw new HttpProblem(409, "This Idempotency-Key was used with a different body.");
      }
      if (result.outcome === "replayed") reply.header("idempotent-replayed", "true");
      const { record } = result;
      return reply
        .code(201)
        .header("location", taskLocation(record))
        .header("etag", record.etag)
        .send(record.task);
    },
  );

  app.get(
    "/api/:user_id/tasks/:id",
    {
      schema: {
        operationId: "getTask",
        summary: "Read a task",
        description: "`If-None-Match` with the current ETag answers 304.",
        tags,
        security,
        params: resourceParamsSchema,
        response: { 200: taskSchema, 304: z.void(), ...errorResponses(404, 422) },
      },
    },
    async (request, reply) => {
      const found = await app.tasks.get(request.ownerId, existingId(request.params.id, "task"));
      if (!found) throw notFound("task");
      reply.header("etag", found.etag);
      if (noneMatch(request.headers["if-none-match"], found.etag)) {
        return reply.code(304).send();
      }
      return sendJson(reply, found.json);
    },
  );

  app.put(
    "/api/:user_id/tasks/:id",
    {
      schema: {
        operationId: "updateTask",
        summary: "Update a task",
        description:
          "Changes only the given fields; `null` clears `description`, `due_date`, `list_id` or " +
          "`recurrence`. `completed: true` on an open recurring task moves it to its next " +
          "occurrence instead (it stays open), as `PATCH …/complete` does.",
        tags,
        security,
        params: resourceParamsSchema,
        headers: ifMatchHeaders,
        body: updateTaskSchema,
        response: { 200: taskSchema, ...errorResponses(400, 404, 412, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const id = existingId(request.params.id, "task");
      const precondition = parseIfMatch(request.headers["if-match"], id);
      return mutated(
        await validated(app.tasks.update(request.ownerId, id, request.body, precondition)),
        reply,
      );
    },
  );

  app.delete(
    "/api/:user_id/tasks/:id",
    {
      schema: {
        operationId: "deleteTask",
        summary: "Delete a task",
        tags,
        security,
        params: resourceParamsSchema,
        headers: ifMatchHeaders,
        // A body is not expected, but one that is sent is parsed like any other.
        response: { 204: z.void(), ...errorResponses(400, 404, 412, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const id = existingId(request.params.id, "task");
      const precondition = parseIfMatch(request.headers["if-match"], id);
      const result = await app.tasks.delete(request.ownerId, id, precondition);
      if (result.outcome === "not_found") throw notFound("task");
      if (result.outcome === "precondition_failed") {
        throw preconditionFailed("task");
      }
      return reply.code(204).send();
    },
  );

  app.patch(
    "/api/:user_id/tasks/:id/complete",
    {
      schema: {
        operationId: "completeTask",
        summary: "Complete or reopen a task",
        description:
          'No body (or an empty one) toggles `completed`; `{"completed": true|false}` sets it. ' +
          "Completing an open recurring task moves `due_date` to its next occurrence and keeps it " +
          "open (COUNT counts down); with none left it is completed. Send `If-Match` when " +
          "retrying, so that a retry never skips an occurrence.",
        tags,
        security,
        params: resourceParamsSchema,
        headers: ifMatchHeaders,
        // Fastify validates a missing body as null (a literal null body is refused when parsed).
        body: setCompletedSchema.nullable(),
        response: { 200: taskSchema, ...errorResponses(400, 404, 412, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const id = existingId(request.params.id, "task");
      const precondition = parseIfMatch(request.headers["if-match"], id);
      const result = await app.tasks.setCompleted(
        request.ownerId,
        id,
        request.body?.completed,
        precondition,
      );
      return mutated(result, reply);
    },
  );
}
