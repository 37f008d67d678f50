import http from "node:http";
import https from "node:https";
import type { FastifyBaseLogger } from "fastify";
import webpush from "web-push";
import type { VapidKeys } from "../env";
import { publicAddressLookup, pushEndpointProblem } from "../lib/push-endpoint";
import type { NotificationChannelsRepository } from "../repositories/notification-channels-repository";
import type { DeliveredNotification, NotificationChannel } from "./notification-channels";

/** A reminder is worth little a day late: push services drop it after that. */
const PUSH_TTL_SECONDS = 24 * 3600;
const PUSH_TIMEOUT_MS = 10_000;

export interface PushChannelOptions {
  repository: NotificationChannelsRepository;
  vapid: VapidKeys;
  /** Outside production: the tests' stand-in push service on the loopback (lib/push-endpoint.ts). */
  allowLoopbackHttp: boolean;
  log: FastifyBaseLogger;
}

/** The push service's status, or the error's code (never its message: it may name the URL). */
function post(endpoint: string, request: webpush.RequestDetails, allowLoopbackHttp: boolean) {
  const problem = pushEndpointProblem(endpoint, allowLoopbackHttp);
  if (problem) return Promise.reject(Object.assign(new Error(problem), { code: "EREFUSED" }));
  const url = new URL(endpoint);
  const options = { method: "POST", headers: request.headers, timeout: PUSH_TIMEOUT_MS };
  return new Promise<number>((resolve, reject) => {
    const req =
      url.protocol === "https:"
        ? https.request(url, { ...options, lookup: publicAddressLookup }, onResponse)
        : http.request(url, options, onResponse);
    function onResponse(response: http.IncomingMessage) {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
      response.on("error", reject);
    }
    req.on("timeout", () =>
      req.destroy(Object.assign(new Error("timeout"), { code: "ETIMEDOUT" })),
    );
    req.on("error", reject);
    req.end(request.body);
  });
}

/**
 * Web Push (RFC 8030/8291/8292) to each of the user's browsers: the notification as JSON
 * `{"type": "reminder", "notification": …}`, encrypted (aes128gcm) for that browser and signed
 * with the API's VAPID key. A subscription the push service says is gone (404, 410), or past
 * the expiry it was subscribed with, is deleted.
 * Logs name subscriptions by id only: endpoints and keys are capabilities.
 */
export function createPushChannel(options: PushChannelOptions): NotificationChannel {
  const { repository, vapid, allowLoopbackHttp, log } = options;
  return {
    name: "web-push",
    async deliver(notification: DeliveredNotification) {
      const { user_id: userId, time_zone: _zone, ...wire } = notification;
      const payload = JSON.stringify({ type: "reminder", notification: wire });
      const { targets, expired } = await repository.pushTargets(userId);
      for (const id of expired) {
        log.info({ subscription: id }, "web push subscription expired: deleted");
      }
      await Promise.all(
        targets.map(async (target) => {
          const request = webpush.generateRequestDetails(target, payload, {
            vapidDetails: vapid,
            TTL: PUSH_TTL_SECONDS,
            urgency: "high",
            contentEncoding: "aes128gcm",
          });
          let status: number;
          try {
            status = await post(target.endpoint, request, allowLoopbackHttp);
          } catch (error) {
            const code = (error as NodeJS.ErrnoException).code ?? "unknown";
            log.warn({ subscription: target.id, code }, "web push not delivered");
            return;
          }
          if (status === 404 || status === 410) {
            await repository.forget(target.id);
            log.info({ subscription: target.id, status }, "web push subscription gone: deleted");
          } else if (status < 200 || status >= 300) {
            log.warn({ subscription: target.id, status }, "web push refused by the push service");
          }
        }),
      );
    },
  };
}
