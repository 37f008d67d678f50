import { PROBLEM_CONTENT_TYPE, problemSchema } from "@todo/contract/problem";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { loggableError } from "../../lib/database-errors";
import { HttpProblem, UNAVAILABLE_RETRY_AFTER_SECONDS } from "../../lib/problem";

const statusSchema = z.object({ status: z.literal("ok") });

/** Liveness and readiness, without authentication. */
export default async function serviceRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ["service"];

  app.get(
    "/healthz",
    {
      schema: {
        summary: "Liveness",
        tags,
        response: { 200: statusSchema },
      },
    },
    async () => ({ status: "ok" as const }),
  );

  app.get(
    "/readyz",
    {
      schema: {
        summary: "Readiness: the database answers",
        tags,
        response: {
          200: statusSchema,
          503: { content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } } },
        },
      },
    },
    async () => {
      try {
        await app.pool.query("select 1");
      } catch (error) {
        app.log.warn({ err: loggableError(error) }, "readiness check failed");
        throw new HttpProblem(503, "The database is not reachable.", undefined, {
          "retry-after": String(UNAVAILABLE_RETRY_AFTER_SECONDS),
        });
      }
      return { status: "ok" as const };
    },
  );
}
