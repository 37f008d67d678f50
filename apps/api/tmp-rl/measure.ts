import autocannon from "autocannon";
import { createTestDatabase, startTestServer } from "@todo/db/test-database";
import { buildApp } from "../src/app";
import { buildApp as buildMemoryApp } from "./memory/app";
import { SignJWT } from "jose";
const secret = "test-secret-that-is-at-least-32-characters-long";
const server = await startTestServer();
const db = await createTestDatabase(server.url);
const opts = { databaseUrl: db.url, authSecret: secret, authUrl: "http://localhost:3000", corsOrigins: [], rateLimitPerMinute: 1e9 };
const sub = "bench-user";
const now = Math.floor(Date.now() / 1000);
const token = await new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setIssuedAt(now).setExpirationTime(now + 3600).setIssuer("http://localhost:3000").setAudience("http://localhost:3000").setSubject(sub).sign(new TextEncoder().encode(secret));
const results: Record<string, number[]> = { memory: [], postgres: [] };
for (let round = 0; round < 3; round++) {
  for (const [name, build] of [["memory", buildMemoryApp], ["postgres", buildApp]] as const) {
    const app = await build(opts as never);
    await app.listen({ port: 0, host: "127.0.0.1" });
    const port = (app.server.address() as { port: number }).port;
    const created = await fetch(`http://127.0.0.1:${port}/api/${sub}/tasks`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ title: "x" }) });
    const { id } = (await created.json()) as { id: number };
    const r = await autocannon({ url: `http://127.0.0.1:${port}/api/${sub}/tasks/${id}`, connections: 16, duration: 8, headers: { authorization: `Bearer ${token}` } });
    results[name].push(r.requests.average);
    console.log(name, round, r.requests.average, "req/s p50", r.latency.p50, "p99", r.latency.p99, "non2xx", r.non2xx, "errors", r.errors);
    await app.close();
  }
}
console.log(JSON.stringify(results));
await db.drop();
await server.stop();
