import cors from "@fastify/cors";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

export const CORS_ALLOWED_HEADERS = [
  "Authorization",
  "Content-Type",
  "If-Match",
  "Idempotency-Key",
];
const EXPOSED_HEADERS = [
  "ETag",
  "Location",
  "Retry-After",
  "Idempotent-Replayed",
  "Content-Disposition",
  "X-RateLimit-Limit",
  "X-RateLimit-Remaining",
  "X-RateLimit-Reset",
];

async function corsPolicy(app: FastifyInstance, options: { origins: string[] }) {
  const allowed = new Set(options.origins);
  await app.register(cors, {
    // An origin not in the list gets no Access-Control-Allow-Origin at all.
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
}

export default fp(corsPolicy, { name: "cors" });
