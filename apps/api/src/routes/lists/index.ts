import {
  createListSchema,
  LISTS_MAX,
  listCollectionSchema,
  listSchema,
  updateListSchema,
} from "@todo/contract/list";
import { resourceParamsSchema, userParamsSchema } from "@todo/contract/params";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { parseIfMatch } from "../../lib/etag";
import {
  errorResponses,
  existingId,
  HttpProblem,
  notFound,
  preconditionFailed,
} from "../../lib/problem";
import { requireOwner } from "../../lib/require-owner";
import { ifMatchHeaders } from "../tasks/index";

/** docs/api.md, Lists: a user's lists, checked and answered as the task routes are. */
export default async function listRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.decorateRequest("ownerId", "");
  app.addHook("onRequest", requireOwner);

  const tags = ["lists"];
  const security = [{ bearer: [] }];

  app.get(
    "/api/:user_id/lists",
    {
      schema: {
        operationId: "listLists",
        summary: "List lists",
        description: "Every list of the user, ordered by `position`, then `id`.",
        tags,
        security,
        params: userParamsSchema,
        response: { 200: listCollectionSchema, ...errorResponses(422) },
      },
    },
    async (request) => ({ items: await app.lists.list(request.ownerId) }),
  );

  app.post(
    "/api/:user_id/lists",
    {
      schema: {
        operationId: "createList",
        summary: "Create a list",
        description:
          `Last unless \`position\` is given (then the lists from there on shift by one; past ` +
          `the end is last). At most ${LISTS_MAX} lists a user: one more is a 409.`,
        tags,
        security,
        params: userParamsSchema,
        body: createListSchema,
        response: { 201: listSchema, ...errorResponses(400, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const result = await app.lists.create(request.ownerId, request.body);
      if (result.outcome === "full") {
        throw new HttpProblem(409, `A user can have at most ${LISTS_MAX} lists.`);
      }
      const { list } = result.record;
      return reply
        .code(201)
        .header("location", `/api/${encodeURIComponent(list.user_id)}/lists/${list.id}`)
        .header("etag", result.record.etag)
        .send(list);
    },
  );

  app.get(
    "/api/:user_id/lists/:id",
    {
      schema: {
        operationId: "getList",
        summary: "Read a list",
        tags,
        security,
        params: resourceParamsSchema,
        response: { 200: listSchema, ...errorResponses(404, 422) },
      },
    },
    async (request, reply) => {
      const record = await app.lists.get(request.ownerId, existingId(request.params.id, "list"));
      if (!record) throw notFound("list");
      reply.header("etag", record.etag);
      return record.list;
    },
  );

  app.patch(
    "/api/:user_id/lists/:id",
    {
      schema: {
        operationId: "updateList",
        summary: "Update a list",
        description:
          "Changes only the given fields. A new `position` shifts the lists in between by one, " +
          "so positions stay 0..n-1; a position past the end moves the list last. The lists that " +
          "shift get a new ETag too.",
        tags,
        security,
        params: resourceParamsSchema,
        headers: ifMatchHeaders,
        body: updateListSchema,
        response: { 200: listSchema, ...errorResponses(400, 404, 412, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const id = existingId(request.params.id, "list");
      const precondition = parseIfMatch(request.headers["if-match"], id);
      const result = await app.lists.update(request.ownerId, id, request.body, precondition);
      if (result.outcome === "not_found") throw notFound("list");
      if (result.outcome === "precondition_failed") throw preconditionFailed("list");
      reply.header("etag", result.record.etag);
      return result.record.list;
    },
  );

  app.delete(
    "/api/:user_id/lists/:id",
    {
      schema: {
        operationId: "deleteList",
        summary: "Delete a list and its tasks",
        description: "Every task of the list is deleted with it; the later lists move up by one.",
        tags,
        security,
        params: resourceParamsSchema,
        headers: ifMatchHeaders,
        response: { 204: z.void(), ...errorResponses(400, 404, 412, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const id = existingId(request.params.id, "list");
      const precondition = parseIfMatch(request.headers["if-match"], id);
      const result = await app.lists.delete(request.ownerId, id, precondition);
      if (result.outcome === "not_found") throw notFound("list");
      if (result.outcome === "precondition_failed") throw preconditionFailed("list");
      return reply.code(204).send();
    },
  );
}
