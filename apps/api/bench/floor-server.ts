/**
 * The floor: bare node:http and the same driver, pool settings and SQL the API sends (postgres.js,
 * every statement prepared), without framework, authentication, validation or schema
 * serialization.
 *   /       `GET /api/{user}/tasks?limit=50`: one statement, the page with its total
 *   /task   `GET /api/{user}/tasks/{id}`: the API's statement for one task
 * Both statements return each task's JSON as stored with its row (first column); the floor
 * joins them as the API does.
 */
import { createServer } from "node:http";
import { listQuerySchema } from "@todo/contract/list-query";
import { createDb, createSql } from "@todo/db/client";
import { CursorCodec } from "../src/lib/cursor";
import { TasksRepository } from "../src/repositories/tasks-repository";

const [databaseUrl, userId, port, taskId] = process.argv.slice(2);
if (!databaseUrl || !userId || !port) {
  throw new Error("usage: floor-server <db-url> <user> <port> [task id]");
}

const sql = createSql(databaseUrl, { applicationName: "todo-floor" });
const repository = new TasksRepository(createDb(sql), new CursorCodec("floor"));
const { statement, values } = repository.listStatement(
  userId,
  listQuerySchema.parse({ limit: "50" }),
);
const list = { text: statement.text, params: statement.params(values) };
const get = repository.statements.get.text;
const prepared = { prepare: true };

createServer(async (request, response) => {
  response.setHeader("content-type", "application/json");
  if (request.url === "/task") {
    const [row] = await sql.unsafe(get, [userId, Number(taskId)], prepared).values();
    response.end(row?.[0]);
    return;
  }
  // One row per page (ADR 0043): the tasks' JSON joined, and the total last.
  const [row] = await sql.unsafe(list.text, list.params as string[], prepared).values();
  response.end(`{"items":[${row?.[0] ?? ""}],"total":${row?.[4]},"next_cursor":null}`);
}).listen(Number(port), "127.0.0.1", () => process.send?.("ready"));
