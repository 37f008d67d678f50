import helmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/** Security headers on every response (X-Content-Type-Options: nosniff among them). */
async function securityHeaders(app: FastifyInstance) {
  await app.register(helmet, {
    // A JSON API: the strictest policy; /docs sets its own (see swagger.ts).
    contentSecurityPolicy: {
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
    // Cross-origin reads are governed by CORS, not CORP.
    crossOriginResourcePolicy: { policy: "cross-origin" },
  });
}

export default fp(securityHeaders, { name: "helmet" });
