import Fastify, { type FastifyServerOptions } from "fastify";
import { validatorCompiler } from "fastify-type-provider-zod";
import { problem, sendProblem } from "./lib/problem";
import { serializerCompiler } from "./lib/serializer";
import database from "./plugins/app/database";
import identify from "./plugins/app/identify";
import problemDetails from "./plugins/app/problem-details";
import revocationFeed from "./plugins/app/revocation-feed";
import cors from "./plugins/external/cors";
import helmet from "./plugins/external/helmet";
import rateLimit from "./plugins/external/rate-limit";
import swagger, { DOCS_PREFIX, OPENAPI_PATH } from "./plugins/external/swagger";
import serviceRoutes from "./routes/service/index";
import taskRoutes from "./routes/tasks/index";

export const BODY_LIMIT_BYTES = 16 * 1024;

export interface AppOptions {
  databaseUrl: string;
  /** For the revocation feed's LISTEN; default `databaseUrl`. */
  databaseDirectUrl?: string | undefined;
  authSecret: string;
  authUrl: string;
  jwksUrl?: string | undefined;
  corsOrigins: string[];
  rateLimitPerMinute: number;
  logger?: FastifyServerOptions["logger"];
}

const UNLIMITED_ROUTES = new Set(["/healthz", "/readyz", OPENAPI_PATH]);

/** Logs never carry credentials. */
export const LOG_REDACTIONS = [
  "req.headers.authorization",
  "req.headers.cookie",
  'res.headers["set-cookie"]',
];

/** Builds the API (plugins, routes) without listening; tests call `inject` on it. */
export async function buildApp(options: AppOptions) {
  const app = Fastify({
    logger: options.logger ?? false,
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

  // External layer: headers, CORS, docs; then the app layer: errors, identity, data, limits.
  await app.register(helmet);
  await app.register(cors, { origins: options.corsOrigins });
  await app.register(problemDetails);
  await app.register(revocationFeed, { url: options.databaseDirectUrl ?? options.databaseUrl });
  await app.register(identify, {
    secret: options.authSecret,
    issuer: options.authUrl,
    jwksUrl: options.jwksUrl,
  });
  await app.register(database, { url: options.databaseUrl, secret: options.authSecret });
  await app.register(rateLimit, {
    perMinute: options.rateLimitPerMinute,
    exempt: (url) => UNLIMITED_ROUTES.has(url) || url.startsWith(DOCS_PREFIX),
  });
  await app.register(swagger, { authUrl: options.authUrl });

  await app.register(serviceRoutes);
  await app.register(taskRoutes);
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
