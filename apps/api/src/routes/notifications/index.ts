import { NOTIFICATIONS_LISTED, notificationCollectionSchema } from "@todo/contract/notification";
import { resourceParamsSchema, userParamsSchema } from "@todo/contract/params";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorResponses, existingId, notFound } from "../../lib/problem";
import { requireOwner } from "../../lib/require-owner";

/** docs/api.md, Notifications: delivered reminders, checked and answered as the task routes are. */
export default async function notificationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.decorateRequest("ownerId", "");
  app.addHook("onRequest", requireOwner);

  const tags = ["notifications"];
  const security = [{ bearer: [] }];

  app.get(
    "/api/:user_id/notifications",
    {
      schema: {
        operationId: "listNotifications",
        summary: "List notifications",
        description:
          `The newest ${NOTIFICATIONS_LISTED} delivered reminders, newest first, and how many ` +
          "of all the user's notifications are unread.",
        tags,
        security,
        params: userParamsSchema,
        response: { 200: notificationCollectionSchema, ...errorResponses(422) },
      },
    },
    (request) => app.notifications.list(request.ownerId),
  );

  app.post(
    "/api/:user_id/notifications/:id/read",
    {
      schema: {
        operationId: "readNotification",
        summary: "Mark a notification read",
        description: "Idempotent. An id that is not one of this user's notifications is a 404.",
        tags,
        security,
        params: resourceParamsSchema,
        response: { 204: z.void(), ...errorResponses(400, 404, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const id = existingId(request.params.id, "notification");
      if (!(await app.notifications.markRead(request.ownerId, id))) throw notFound("notification");
      return reply.code(204).send();
    },
  );

  app.post(
    "/api/:user_id/notifications/read-all",
    {
      schema: {
        operationId: "readAllNotifications",
        summary: "Mark every notification read",
        tags,
        security,
        params: userParamsSchema,
        response: { 204: z.void(), ...errorResponses(400, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      await app.notifications.markAllRead(request.ownerId);
      return reply.code(204).send();
    },
  );
}
