import {
  notificationSettingsSchema,
  PUSH_SUBSCRIPTIONS_MAX,
  pushSubscriptionInputSchema,
  pushSubscriptionSchema,
  updateNotificationSettingsSchema,
} from "@todo/contract/notification-settings";
import { resourceParamsSchema, userParamsSchema } from "@todo/contract/params";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { isP256Point } from "../../lib/p256-point";
import {
  errorResponses,
  existingId,
  HttpProblem,
  invalidRequest,
  notFound,
} from "../../lib/problem";
import { pushEndpointProblem } from "../../lib/push-endpoint";
import { invalidToken, requireOwner } from "../../lib/require-owner";

export interface NotificationChannelRoutesOptions {
  /** The VAPID public key browsers subscribe with; null: Web Push is off. */
  pushPublicKey: string | null;
  /** Outside production: endpoints on the loopback over http (lib/push-endpoint.ts). */
  allowLoopbackPush: boolean;
}

/** docs/api.md, Notification settings and Web Push: how reminders reach the user. */
export default async function notificationChannelRoutes(
  fastify: FastifyInstance,
  options: NotificationChannelRoutesOptions,
) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.decorateRequest("ownerId", "");
  app.addHook("onRequest", requireOwner);

  const tags = ["notifications"];
  const security = [{ bearer: [] }];
  const settings = async (userId: string) => ({
    email: await app.notificationChannels.emailEnabled(userId),
    push_public_key: options.pushPublicKey,
  });

  app.get(
    "/api/:user_id/notification-settings",
    {
      schema: {
        operationId: "getNotificationSettings",
        summary: "Read the notification settings",
        description: "Whether reminders are emailed, and the key to subscribe to Web Push with.",
        tags,
        security,
        params: userParamsSchema,
        response: { 200: notificationSettingsSchema, ...errorResponses(422) },
      },
    },
    (request) => settings(request.ownerId),
  );

  app.put(
    "/api/:user_id/notification-settings",
    {
      schema: {
        operationId: "updateNotificationSettings",
        summary: "Choose the notification settings",
        description:
          "`email: true`: each reminder delivered from now on is also emailed, once the " +
          "address is verified.",
        tags,
        security,
        params: userParamsSchema,
        body: updateNotificationSettingsSchema,
        response: { 200: notificationSettingsSchema, ...errorResponses(400, 413, 415, 422) },
      },
    },
    async (request) => {
      await app.notificationChannels.setEmail(request.ownerId, request.body.email);
      return settings(request.ownerId);
    },
  );

  app.post(
    "/api/:user_id/push-subscriptions",
    {
      schema: {
        operationId: "createPushSubscription",
        summary: "Subscribe a browser to Web Push",
        description:
          "The body is the browser's `PushSubscription.toJSON()`. 201 for a new endpoint; " +
          "200 with the same id when this user already has it (its keys are updated). At most " +
          `${PUSH_SUBSCRIPTIONS_MAX} a user: one more is a 409.`,
        tags,
        security,
        params: userParamsSchema,
        body: pushSubscriptionInputSchema,
        response: {
          200: pushSubscriptionSchema,
          201: pushSubscriptionSchema,
          ...errorResponses(400, 409, 413, 415, 422),
        },
      },
    },
    async (request, reply) => {
      const { body } = request;
      const problem = pushEndpointProblem(body.endpoint, options.allowLoopbackPush);
      if (problem) throw invalidRequest([{ path: "endpoint", message: problem }]);
      if (!isP256Point(body.keys.p256dh)) {
        throw invalidRequest([{ path: "keys.p256dh", message: "Must be a point of P-256" }]);
      }
      // The guard let only a valid token through.
      const { authentication } = request;
      if (authentication?.state !== "valid") throw invalidToken();
      const { sid = null, iat } = authentication.principal;
      const result = await app.notificationChannels.subscribe(request.ownerId, { sid, iat }, body);
      // Its session ended before this process heard of it: refused as the guard will soon.
      if (result.outcome === "ended") throw invalidToken();
      if (result.outcome === "full") {
        throw new HttpProblem(
          409,
          `A user can have at most ${PUSH_SUBSCRIPTIONS_MAX} push subscriptions.`,
        );
      }
      const { subscription } = result;
      return reply
        .code(result.outcome === "created" ? 201 : 200)
        .header(
          "location",
          `/api/${encodeURIComponent(request.ownerId)}/push-subscriptions/${subscription.id}`,
        )
        .send(subscription);
    },
  );

  app.delete(
    "/api/:user_id/push-subscriptions/:id",
    {
      schema: {
        operationId: "deletePushSubscription",
        summary: "Unsubscribe a browser from Web Push",
        tags,
        security,
        params: resourceParamsSchema,
        response: { 204: z.void(), ...errorResponses(400, 404, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const id = existingId(request.params.id, "push subscription");
      if (!(await app.notificationChannels.unsubscribe(request.ownerId, id))) {
        throw notFound("push subscription");
      }
      return reply.code(204).send();
    },
  );
}
