/**
 * The floor: bare node:http and the same driver and SQL the API sends, without framework,
 * authentication, validation or schema serialization (same pool settings).
 *   /       `GET /api/{user}/tasks?limit=50`: one statement, the page with its total
 *   /task   `GET /api/{user}/tasks/{id}`: the API's prepared statement, by name
 */
import { createServer } from "node:http";
import { listQuerySchema } from "@todo/contract/list-query";
import { createDb, createPool } from "@todo/db/client";
import { CursorCodec } from "../src/lib/cursor";
import { nameStatements } from "../src/lib/named-statements";
import { TasksRepository } from "../src/repositories/tasks-repository";

const [databaseUrl, userId, port, taskId] = process.argv.slice(2);
if (!databaseUrl || !userId || !port) {
  throw new Error("usage: floor-server <db-url> <user> <port> [task id]");
}

const pool = createPool(databaseUrl, { applicationName: "todo-floor" });
nameStatements(pool);
const repository = new TasksRepository(createDb(pool), new CursorCodec("floor"));
const list = repository.listQuery(userId, listQuerySchema.parse({ limit: "50" })).toSQL();
const get = { name: "task-get", text: repository.getStatement.getQuery().sql };

createServer(async (request, response) => {
  response.setHeader("content-type", "application/json");
  if (request.url === "/task") {
    const { rows } = await pool.query({ ...get, values: [userId, Number(taskId)] });
    response.end(JSON.stringify(rows[0]));
    return;
  }
  const { rows } = await pool.query({ text: list.sql, values: list.params });
  response.end(
    JSON.stringify({
      items: rows.slice(0, 50),
      total: Number(rows[0]?.total ?? 0),
      next_cursor: null,
    }),
  );
}).listen(Number(port), "127.0.0.1", () => process.send?.("ready"));
