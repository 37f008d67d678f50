import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";

export const OPENAPI_PATH = "/openapi.json";

type HeaderDocs = Record<string, { type: "string"; description: string }>;
const header = (description: string) => ({ type: "string" as const, description });
const ETAG = {
  ETag: header('Strong validator of this version of the task or list, e.g. `"42-3"`.'),
};
const RETRY_AFTER = { "Retry-After": header("Seconds to wait before retrying.") };

/** Response headers by status, which the zod schemas cannot express. */
function responseHeaders(url: string, status: string): HeaderDocs | undefined {
  const task = url.includes(":id");
  const resource = url.includes("/lists") ? "lists" : "tasks";
  switch (status) {
    case "200":
      return task ? ETAG : undefined;
    case "201":
      return {
        Location: header(`\`/api/{user_id}/${resource}/{id}\` of the new resource.`),
        ...ETAG,
        ...(resource === "tasks"
          ? { "Idempotent-Replayed": header("`true` when this is the stored first response.") }
          : {}),
      };
    case "304":
      return ETAG;
    case "401":
      return {
        "WWW-Authenticate": header(
          '`Bearer realm="todo"`, plus `error="invalid_token"` when a token was sent.',
        ),
      };
    case "429":
    case "503":
      return RETRY_AFTER;
  }
  return undefined;
}

const DESCRIPTIONS: Record<string, string> = {
  "200": "OK",
  "201": "Created",
  "204": "Deleted; no body",
  "304": "Not modified (If-None-Match)",
  "400": "The body is not valid JSON",
  "401": "Missing or invalid bearer token",
  "403": "The token's sub is not {user_id}",
  "404": "No such task or list for this user",
  "409": "Idempotency-Key reused with a different body, or the 201st list",
  "412": "If-Match does not match the current ETag",
  "413": "Body larger than 16 KiB",
  "415": "Body is not application/json",
  "422": "Validation failed; `errors` names each field",
  "429": "Rate limit exceeded",
  "500": "Unexpected error",
  "503": "Database unreachable",
};

const transform: typeof jsonSchemaTransform = (input) => {
  const output = jsonSchemaTransform(input);
  const responses = (output.schema as { response?: Record<string, Record<string, unknown>> })
    .response;
  for (const [status, response] of Object.entries(responses ?? {})) {
    response.description ??= DESCRIPTIONS[status];
    const headers = responseHeaders(output.url, status);
    if (headers) response.headers = headers;
    // 204 and 304 carry no body; @fastify/swagger documents no content for a null schema.
    if (status === "204" || status === "304") response.type = "null";
  }
  return output;
};
export const DOCS_PREFIX = "/docs";

/**
 * The /docs page's policy (helmet's, for the JSON API, allows nothing): Swagger UI's own
 * (`staticCSP: true`), except that styles may be inline, as Swagger UI inserts `<style>`
 * elements while it renders; scripts still come only from its files (ADR 0014).
 */
const DOCS_CSP = [
  "default-src 'self'",
  "base-uri 'self'",
  "font-src 'self' https: data:",
  "frame-ancestors 'self'",
  "img-src 'self' data: validator.swagger.io",
  "object-src 'none'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' https: 'unsafe-inline'",
  "upgrade-insecure-requests",
].join("; ");

/** OpenAPI 3.1 generated from the routes' zod schemas, served with an interactive page. */
async function apiDocumentation(app: FastifyInstance, options: { authUrl: string }) {
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Todo API",
        version: "1.0.0",
        description:
          "Tasks and lists of the signed-in user. Errors are RFC 9457 problem documents " +
          "(`application/problem+json`).",
      },
      components: {
        securitySchemes: {
          bearer: {
            type: "http",
            scheme: "bearer",
            bearerFormat: "JWT",
            description: `A JWT issued by ${options.authUrl} (GET /api/auth/token); iss and aud are that origin.`,
          },
        },
      },
    },
    transform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, {
    routePrefix: DOCS_PREFIX,
    staticCSP: DOCS_CSP,
    uiConfig: { url: OPENAPI_PATH },
  });
  app.get(OPENAPI_PATH, { schema: { hide: true } }, () => app.swagger());
}

export default fp(apiDocumentation, { name: "swagger" });
