/**
 * The floor for the list benchmark: bare node:http and the same SQL the API sends for
 * `GET /api/{user}/tasks?limit=50` (one statement: the page with its total; same pool settings),
 * without framework, authentication, validation or schema serialization.
 */
import { createServer } from "node:http";
import { listQuerySchema } from "@todo/contract/list-query";
import { createDb, createPool } from "@todo/db/client";
import { CursorCodec } from "../src/lib/cursor";
import { TasksRepository } from "../src/repositories/tasks-repository";

const [databaseUrl, userId, port] = process.argv.slice(2);
if (!databaseUrl || !userId || !port) throw new Error("usage: floor-server <db-url> <user> <port>");

const pool = createPool(databaseUrl, { applicationName: "todo-floor" });
const repository = new TasksRepository(createDb(pool), new CursorCodec("floor"));
const { sql, params } = repository
  .listQuery(userId, listQuerySchema.parse({ limit: "50" }))
  .toSQL();

createServer(async (_request, response) => {
  const { rows } = await pool.query(sql, params);
  response.setHeader("content-type", "application/json");
  response.end(
    JSON.stringify({
      items: rows.slice(0, 50),
      total: Number(rows[0]?.total ?? 0),
      next_cursor: null,
    }),
  );
}).listen(Number(port), "127.0.0.1", () => process.send?.("ready"));
