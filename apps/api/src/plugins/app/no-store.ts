import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/** Answers under /api/ are one user's data: no cache, shared or private, keeps them. */
async function noStore(app: FastifyInstance) {
  app.addHook("onSend", async (request, reply) => {
    if (request.url.startsWith("/api/")) reply.header("cache-control", "no-store");
  });
}

export default fp(noStore, { name: "no-store" });
