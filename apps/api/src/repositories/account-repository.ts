import type { Export, ImportDocument, ImportResult } from "@todo/contract/export";
import { EXPORT_FORMAT, EXPORT_VERSION } from "@todo/contract/export";
import { LISTS_MAX } from "@todo/contract/list";
import type { Db } from "@todo/db/client";
import {
  idempotencyKeys,
  lists,
  notificationSettings,
  notifications,
  pushSubscriptions,
  tasks,
} from "@todo/db/schema";
import { asc, count, eq } from "drizzle-orm";
import { claimIdempotencyKey, type IdempotencyKey, saveIdempotentResponse } from "./idempotency";
import { listColumns, lockUserLists, serializeList } from "./lists-repository";
import { type NewTaskRow, taskValues } from "./tasks-repository";

/** Rows per INSERT: far below PostgreSQL's 65,535 parameters, and each statement far inside the
 * 2.5 s statement timeout even with 1,000-character descriptions on a busy machine. */
const TASKS_PER_INSERT = 200;

/** An export whose tasks are each the JSON PostgreSQL wrote, as reads and writes send it. */
export type ExportRows = Omit<Export, "tasks"> & { tasks: string[] };

export type ImportOutcome =
  | { outcome: "imported"; result: ImportResult }
  | { outcome: "replayed"; result: ImportResult }
  | { outcome: "key_reused" }
  | { outcome: "too_many_lists"; existing: number };

/** A user's data as a whole (docs/api.md, Export and import; Delete all data): export, import, and erasure. */
export class AccountRepository {
  constructor(private readonly db: Db) {}

  /** Every list and task of the user, read from one snapshot. */
  export(userId: string): Promise<ExportRows> {
    return this.db.transaction(
      async (tx) => {
        const listRows = await tx
          .select(listColumns)
          .from(lists)
          .where(eq(lists.userId, userId))
          .orderBy(asc(lists.position), asc(lists.id));
        const taskRows = await tx
          .select({ json: tasks.json })
          .from(tasks)
          .where(eq(tasks.userId, userId))
          .orderBy(asc(tasks.id));
        return {
          format: EXPORT_FORMAT,
          version: EXPORT_VERSION,
          exported_at: new Date().toISOString(),
          user_id: userId,
          lists: listRows.map(serializeList),
          tasks: taskRows.map((row) => row.json),
        };
      },
      { isolationLevel: "repeatable read", accessMode: "read only" },
    );
  }

  /**
   * Creates the export's lists after the user's own (in the export's order) and its tasks, with
   * list references remapped to the new ids: all in one transaction, so all or nothing.
   */
  import(
    userId: string,
    document: ImportDocument,
    idempotency?: IdempotencyKey,
  ): Promise<ImportOutcome> {
    return this.db.transaction(async (tx) => {
      if (idempotency) {
        const claim = await claimIdempotencyKey<ImportResult>(tx, userId, idempotency);
        if (claim.outcome === "key_reused") return claim;
        if (claim.outcome === "replayed") return { outcome: "replayed", result: claim.response };
      }
      await lockUserLists(tx, userId);
      const [owned] = await tx
        .select({ count: count() })
        .from(lists)
        .where(eq(lists.userId, userId));
      const existing = owned?.count ?? 0;
      if (existing + document.lists.length > LISTS_MAX) {
        return { outcome: "too_many_lists", existing };
      }

      const ordered = document.lists
        .map((list, index) => ({ list, index }))
        .sort(
          (a, b) =>
            (a.list.position ?? a.index) - (b.list.position ?? b.index) || a.index - b.index,
        );
      const newListIds = new Map<number, number>();
      if (ordered.length > 0) {
        const created = await tx
          .insert(lists)
          .values(
            ordered.map(({ list }, rank) => ({
              userId,
              name: list.name,
              color: list.color,
              position: existing + rank,
              createdAt: list.created_at,
              updatedAt: list.updated_at,
            })),
          )
          .returning({ id: lists.id, position: lists.position });
        // Positions are distinct within the import, so each new row is found by its position.
        for (const row of created) {
          const source = ordered[row.position - existing];
          if (source) newListIds.set(source.list.id, row.id);
        }
      }

      const rows: NewTaskRow[] = document.tasks.map((task) => ({
        ...taskValues(userId, task),
        listId: task.list_id === null ? null : (newListIds.get(task.list_id) ?? null),
        completedAt: task.completed ? (task.completed_at ?? task.updated_at ?? new Date()) : null,
        createdAt: task.created_at,
        updatedAt: task.updated_at ?? task.created_at,
      }));
      for (let start = 0; start < rows.length; start += TASKS_PER_INSERT) {
        await tx.insert(tasks).values(rows.slice(start, start + TASKS_PER_INSERT));
      }

      const result = { lists: ordered.length, tasks: rows.length };
      if (idempotency) await saveIdempotentResponse(tx, userId, idempotency.key, result);
      return { outcome: "imported", result };
    });
  }

  /**
   * Every notification, task, list, idempotency key, push subscription and notification setting
   * of the user; deleting the tasks removes their pending reminders from the queue (the trigger
   * of migration 0013).
   */
  async deleteAll(userId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.delete(notifications).where(eq(notifications.userId, userId));
      await tx.delete(tasks).where(eq(tasks.userId, userId));
      await tx.delete(lists).where(eq(lists.userId, userId));
      await tx.delete(idempotencyKeys).where(eq(idempotencyKeys.userId, userId));
      await tx.delete(pushSubscriptions).where(eq(pushSubscriptions.userId, userId));
      await tx.delete(notificationSettings).where(eq(notificationSettings.userId, userId));
    });
  }
}
