import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";

export const OPENAPI_PATH = "/openapi.json";
export const DOCS_PREFIX = "/docs";

/** OpenAPI 3.1 generated from the routes' zod schemas, served with an interactive page. */
async function apiDocumentation(app: FastifyInstance, options: { authUrl: string }) {
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Todo API",
        version: "1.0.0",
        description:
          "Tasks of the signed-in user. Errors are RFC 9457 problem documents " +
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
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, {
    routePrefix: DOCS_PREFIX,
    staticCSP: true,
    uiConfig: { url: OPENAPI_PATH },
  });
  app.get(OPENAPI_PATH, { schema: { hide: true } }, () => app.swagger());
}

export default fp(apiDocumentation, { name: "swagger" });
