import { PROBLEM_CONTENT_TYPE, problemSchema } from "@todo/contract/problem";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { loggableError } from "../../lib/database-errors";
import { HttpProblem, UNAVAILABLE_RETRY_AFTER_SECONDS } from "../../lib/problem";

const statusSchema = z.object({ status: z.literal("ok") });
/** With the database answering, how long readiness waits for the revocation feed to reconnect. */
const FEED_WAIT_MS = 1_000;

/** Liveness and readiness, without authentication. */
export default async function serviceRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ["service"];

  app.get(
    "/healthz",
    {
      schema: {
        operationId: "getLiveness",
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
        operationId: "getReadiness",
        summary: "Readiness: the database answers and the revocation feed is connected",
        description:
          "503 while the database does not answer, or while the revocation feed (a LISTEN " +
          "connection that tells this process of ended sessions) is not connected: until it " +
          "is, tokens of sessions that ended meanwhile would still be accepted here.",
        tags,
        response: {
          200: statusSchema,
          503: { content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } } },
        },
      },
    },
    async () => {
      const unavailable = (detail: string) =>
        new HttpProblem(503, detail, undefined, {
          "retry-after": String(UNAVAILABLE_RETRY_AFTER_SECONDS),
        });
      try {
        await app.sql.unsafe("select 1");
      } catch (error) {
        app.log.warn({ err: loggableError(error) }, "readiness check failed");
        throw unavailable("The database is not reachable.");
      }
      if (!(await app.revocationFeed.connectNow(FEED_WAIT_MS))) {
        throw unavailable("The revocation feed is not connected.");
      }
      return { status: "ok" as const };
    },
  );
}
