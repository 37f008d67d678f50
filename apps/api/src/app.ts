import { createMailer, type MailTransport } from "@todo/mail/mailer";
import Fastify, { type FastifyInstance } from "fastify";
import { validatorCompiler } from "fastify-type-provider-zod";
import type { VapidKeys } from "./env";
import { createEmailChannel } from "./jobs/email-channel";
import type { NotificationChannel } from "./jobs/notification-channels";
import { createPushChannel } from "./jobs/push-channel";
import { forwardRealIp, trustedProxies } from "./lib/client-ip";
import { type LoggerSettings, logController, loggerOptions } from "./lib/logging";
import { problem, sendProblem } from "./lib/problem";
import { serializerCompiler } from "./lib/serializer";
import database from "./plugins/app/database";
import identify from "./plugins/app/identify";
import jobs from "./plugins/app/jobs";
import jsonBody from "./plugins/app/json-body";
import noStore from "./plugins/app/no-store";
import problemDetails from "./plugins/app/problem-details";
import rateLimit from "./plugins/app/rate-limit";
import revocationFeed from "./plugins/app/revocation-feed";
import cors from "./plugins/external/cors";
import helmet from "./plugins/external/helmet";
import swagger, { DOCS_PREFIX, OPENAPI_PATH } from "./plugins/external/swagger";
import accountRoutes from "./routes/account/index";
import listRoutes from "./routes/lists/index";
import notificationChannelRoutes from "./routes/notification-channels/index";
import notificationRoutes from "./routes/notifications/index";
import serviceRoutes from "./routes/service/index";
import taskRoutes from "./routes/tasks/index";

export const BODY_LIMIT_BYTES = 16 * 1024;

export interface AppOptions {
  databaseUrl: string;
  /** For the revocation feed's LISTEN; default `databaseUrl`. */
  databaseDirectUrl?: string | undefined;
  /** The HS256 key; not needed (and not given) when `jwksUrl` is set. */
  authSecret?: string | undefined;
  authUrl: string;
  jwksUrl?: string | undefined;
  /** Tests shorten the wait after a failed JWKS fetch. */
  jwksRetryIntervalMs?: number | undefined;
  cursorSecret: string;
  corsOrigins: string[];
  rateLimitPerMinute: number;
  /** TRUST_PROXY: a hop count (0 or unset: none) or the proxies' CIDRs. */
  trustProxy?: number | string[];
  logger?: LoggerSettings;
  /** How often the reminder worker looks for jobs that came due; default 1000. */
  reminderPollIntervalMs?: number;
  /** Where a newly delivered reminder goes besides the notifications list (jobs/notification-channels.ts). */
  notificationChannels?: readonly NotificationChannel[];
  /** Web Push's key pair and contact; unset or null: push is off. */
  vapid?: VapidKeys | null;
  /** Where reminder emails go; unset: none are sent. */
  mail?: MailTransport;
  /** Outside production: push endpoints on the loopback over http (the tests' stand-in). */
  allowLoopbackPush?: boolean;
}

const UNLIMITED_ROUTES = new Set(["/healthz", "/readyz", OPENAPI_PATH]);

/** Builds the API (plugins, routes) without listening; tests call `inject` on it. */
export async function buildApp(options: AppOptions) {
  const app = Fastify({
    logger: options.logger ? loggerOptions(options.logger) : false,
    logController: logController(options.logger),
    trustProxy: trustedProxies(options.trustProxy),
    bodyLimit: BODY_LIMIT_BYTES,
    routerOptions: {
      ignoreTrailingSlash: false,
      // A `{user_id}` may be 255 code points, 12 characters each when percent-encoded.
      maxParamLength: 255 * 12,
    },
    // The router refuses an undecodable or overlong path before any hook runs: the headers
    // that hooks would add are set here.
    frameworkErrors: (_error, _request, reply) =>
      sendProblem(
        reply.headers({ "x-content-type-options": "nosniff", "cache-control": "no-store" }),
        problem(404, "No such route."),
      ),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  if (options.trustProxy) app.addHook("onRequest", forwardRealIp);

  // External layer: headers, CORS, docs; then the app layer: bodies, caching, errors, identity,
  // data, limits.
  await app.register(helmet);
  await app.register(cors, { origins: options.corsOrigins });
  await app.register(jsonBody);
  await app.register(noStore);
  await app.register(problemDetails);
  await app.register(revocationFeed, { url: options.databaseDirectUrl ?? options.databaseUrl });
  await app.register(identify, {
    secret: options.authSecret,
    issuer: options.authUrl,
    jwksUrl: options.jwksUrl,
    jwksRetryIntervalMs: options.jwksRetryIntervalMs,
  });
  await app.register(database, { url: options.databaseUrl, cursorSecret: options.cursorSecret });
  await app.register(jobs, {
    url: options.databaseDirectUrl ?? options.databaseUrl,
    channels: deliveryChannels(app, options),
    pollIntervalMs: options.reminderPollIntervalMs ?? 1000,
  });
  await app.register(rateLimit, {
    perMinute: options.rateLimitPerMinute,
    exempt: (url) => UNLIMITED_ROUTES.has(url) || url.startsWith(DOCS_PREFIX),
  });
  await app.register(swagger, { authUrl: options.authUrl });

  await app.register(serviceRoutes);
  await app.register(taskRoutes);
  await app.register(listRoutes);
  await app.register(accountRoutes);
  await app.register(notificationChannelRoutes, {
    pushPublicKey: options.vapid?.publicKey ?? null,
    allowLoopbackPush: options.allowLoopbackPush ?? false,
  });
  await app.register(notificationRoutes);
  return app;
}

/** The caller's channels, then Web Push and email where configured. */
function deliveryChannels(app: FastifyInstance, options: AppOptions): NotificationChannel[] {
  const repository = app.notificationChannels;
  const log = app.log.child({ module: "notification-channels" });
  return [
    ...(options.notificationChannels ?? []),
    ...(options.vapid
      ? [
          createPushChannel({
            repository,
            vapid: options.vapid,
            allowLoopbackHttp: options.allowLoopbackPush ?? false,
            log,
          }),
        ]
      : []),
    ...(options.mail
      ? [
          createEmailChannel({
            repository,
            mailer: createMailer(options.mail),
            appUrl: options.authUrl,
            log,
          }),
        ]
      : []),
  ];
}

export type App = Awaited<ReturnType<typeof buildApp>>;
