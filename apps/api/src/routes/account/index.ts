import {
  type Export,
  exportQuerySchema,
  exportSchema,
  IMPORT_BYTES_MAX,
  importResultSchema,
  importSchema,
} from "@todo/contract/export";
import { userParamsSchema } from "@todo/contract/params";
import { type Task, taskSchema } from "@todo/contract/task";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { canonicalJson, sha256Hex } from "../../lib/canonical-json";
import { toCsv } from "../../lib/csv";
import { idempotencyKey, idempotencyKeyHeaders } from "../../lib/idempotency-key";
import { errorResponses, HttpProblem } from "../../lib/problem";
import { requireOwner } from "../../lib/require-owner";

const CSV_CONTENT_TYPE = "text/csv; charset=utf-8";
/** Every field of a task, in the order of its schema: fields added to tasks become columns. */
const CSV_COLUMNS = Object.keys(taskSchema.shape) as (keyof Task)[];

/** A task field as one CSV cell: lists joined by `;` (a reminder by its minutes), null empty. */
function csvValue(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(csvValue).join(";");
  if (typeof value === "object") return Object.values(value).map(csvValue).join(" ");
  return String(value);
}

function tasksCsv(tasks: Task[]): string {
  return toCsv([
    CSV_COLUMNS,
    ...tasks.map((task) => CSV_COLUMNS.map((column) => csvValue(task[column]))),
  ]);
}

/** `attachment; filename="todo-export-YYYY-MM-DD.json"`, the date of the export in UTC. */
function attachment(exported: Export, extension: "json" | "csv"): string {
  return `attachment; filename="todo-export-${exported.exported_at.slice(0, 10)}.${extension}"`;
}

/** A user's data as a whole (docs/api.md, Export and import; Delete all data). */
export default async function accountRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.decorateRequest("ownerId", "");
  app.decorateRequest("sentBody", undefined);
  app.addHook("onRequest", requireOwner);

  const tags = ["account"];
  const security = [{ bearer: [] }];

  app.get(
    "/api/:user_id/export",
    {
      schema: {
        operationId: "exportData",
        summary: "Export every list and task",
        description:
          "Completed tasks included, as an attachment `todo-export-YYYY-MM-DD.json` (the date in " +
          "UTC). `format=csv`: the tasks alone, one a row after a header row (RFC 4180); tags " +
          "are joined by `;`, and a cell starting with `=`, `+`, `-`, `@`, tab or carriage " +
          "return is prefixed with `'`.",
        tags,
        security,
        params: userParamsSchema,
        querystring: exportQuerySchema,
        response: {
          200: {
            description: "The export.",
            content: {
              "application/json": { schema: exportSchema },
              "text/csv": { schema: z.string() },
            },
          },
          ...errorResponses(422),
        },
      },
    },
    async (request, reply) => {
      const exported = await app.account.export(request.ownerId);
      if (request.query.format === "csv") {
        return reply
          .type(CSV_CONTENT_TYPE)
          .header("content-disposition", attachment(exported, "csv"))
          .send(tasksCsv(exported.tasks));
      }
      return reply
        .type("application/json; charset=utf-8")
        .header("content-disposition", attachment(exported, "json"))
        .send(exported);
    },
  );

  app.post(
    "/api/:user_id/import",
    {
      bodyLimit: IMPORT_BYTES_MAX,
      schema: {
        operationId: "importData",
        summary: "Import an export",
        description:
          "Creates the export's lists (after the user's own) and tasks with new ids, list " +
          "references remapped; all or nothing. Up to 5 MiB (not 16 KiB) and 10,000 tasks. " +
          "Every invalid item is named in `errors` (`tasks.17.title`). More lists than the " +
          "200 a user may have is a 409. `Idempotency-Key` works as on create.",
        tags,
        security,
        params: userParamsSchema,
        headers: idempotencyKeyHeaders,
        body: importSchema,
        response: { 201: importResultSchema, ...errorResponses(400, 409, 413, 415, 422) },
      },
      preValidation: async (request) => {
        request.sentBody = request.body;
      },
    },
    async (request, reply) => {
      const key = idempotencyKey(request.headers["idempotency-key"]);
      const result = await app.account.import(
        request.ownerId,
        request.body,
        key === undefined
          ? undefined
          : // A key reused on another route is "a different body" there.
            { key, requestHash: sha256Hex(`import:${canonicalJson(request.sentBody)}`) },
      );
      if (result.outcome === "key_reused") {
        throw new HttpProblem(409, "This Idempotency-Key was used with a different body.");
      }
      if (result.outcome === "too_many_lists") {
        throw new HttpProblem(
          409,
          `A user may have at most 200 lists; this one has ${result.existing}.`,
        );
      }
      if (result.outcome === "replayed") reply.header("idempotent-replayed", "true");
      return reply.code(201).send(result.result);
    },
  );

  app.delete(
    "/api/:user_id",
    {
      schema: {
        operationId: "deleteUserData",
        summary: "Delete all of the user's data",
        description:
          "Every task, list, idempotency key, push subscription and notification setting of the user.",
        tags,
        security,
        params: userParamsSchema,
        response: { 204: z.void(), ...errorResponses(400, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      await app.account.deleteAll(request.ownerId);
      return reply.code(204).send();
    },
  );
}
