import type { List } from "@todo/contract/list";
import { lists, tasks } from "@todo/db/schema";
import { sql } from "drizzle-orm";

export type ListRow = typeof lists.$inferSelect;

/** `table.column`: in a one-table select drizzle leaves column names unqualified. */
const qualified = (table: typeof lists | typeof tasks, column: { name: string }) =>
  sql`${table}.${sql.identifier(column.name)}`;

/** `task_count` of a selected list: its tasks that are not completed. */
export const openTaskCount =
  sql<number>`(select count(*) from ${tasks} where ${qualified(tasks, tasks.listId)} = ${qualified(lists, lists.id)} and not ${qualified(tasks, tasks.completed)})`.mapWith(
    Number,
  );

/** The one serializer of a list row (with its `openTaskCount`): every response goes through it. */
export function toList(row: ListRow & { taskCount: number }): List {
  return {
    id: row.id,
    user_id: row.userId,
    name: row.name,
    color: row.color,
    position: row.position,
    task_count: row.taskCount,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
