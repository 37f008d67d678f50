import type { List, ListChanges, NewList } from "@todo/contract/list";
import { LISTS_MAX } from "@todo/contract/list";
import type { Db } from "@todo/db/client";
import { lists, tasks } from "@todo/db/schema";
import {
  and,
  asc,
  eq,
  getTableColumns,
  gt,
  gte,
  inArray,
  lt,
  lte,
  type SQL,
  sql,
} from "drizzle-orm";
import { type Precondition, versionEtag } from "../lib/etag";
import { isoText } from "./iso-text";

/** A list row as `listColumns` selects it: its timestamps already in their wire form. */
type ListRow = Omit<typeof lists.$inferSelect, "createdAt" | "updatedAt"> & {
  createdAt: string;
  updatedAt: string;
  taskCount: number;
};

/** A list as served, with its entity tag. */
export interface ListRecord {
  list: List;
  etag: string;
}

export type ListMutationResult =
  | { outcome: "done"; record: ListRecord }
  | { outcome: "not_found" }
  | { outcome: "precondition_failed" };

export type ListCreateResult = { outcome: "created"; record: ListRecord } | { outcome: "full" };

/** The one place a list's wire form is made (docs/api.md, Lists). */
export function serializeList(row: ListRow): List {
  return {
    id: row.id,
    user_id: row.userId,
    name: row.name,
    color: row.color,
    position: row.position,
    task_count: row.taskCount,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}

function toRecord(row: ListRow): ListRecord {
  return { list: serializeList(row), etag: versionEtag(row.id, row.version) };
}

/**
 * Open tasks of the list, counted by the (user_id, list_id, …) index of tasks. The outer
 * columns are named in full: drizzle leaves a select list's columns unqualified.
 */
const taskCount =
  sql<number>`(select count(*) from ${tasks} where ${tasks.userId} = "lists"."user_id" and ${tasks.listId} = "lists"."id" and not ${tasks.completed})`
    .mapWith(Number)
    .as("task_count");

/**
 * What every select and write that serves lists reads: the row with its `task_count`, and its
 * timestamps written by PostgreSQL (`isoText`), as a task's are.
 */
export const listColumns = {
  ...getTableColumns(lists),
  createdAt: isoText(lists.createdAt) as SQL<string>,
  updatedAt: isoText(lists.updatedAt) as SQL<string>,
  taskCount,
};

/** Arbitrary constant naming the per-user lock taken by every write of a user's lists. */
const LISTS_LOCK_NAMESPACE = 7_042_010;

/**
 * Serialises every write of one user's lists (until the transaction ends), so positions stay
 * 0..n-1 and the 200-list limit holds under concurrent requests.
 */
export async function lockUserLists(tx: Tx, userId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${LISTS_LOCK_NAMESPACE}, hashtext(${userId}))`);
}

function whereList(userId: string, id: number): SQL {
  return and(eq(lists.userId, userId), eq(lists.id, id)) as SQL;
}

const bumped = {
  version: sql`${lists.version} + 1`,
  updatedAt: sql`greatest(now(), ${lists.updatedAt} + interval '1 millisecond')`,
};

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * All reads and writes of lists, scoped by the owner. Positions stay 0..n-1: every write that
 * moves them holds a transaction-scoped advisory lock of the user, so concurrent creates, moves
 * and deletes of one user run one after another; the lists whose position shifts get a new
 * version (and ETag) too.
 */
export class ListsRepository {
  constructor(private readonly db: Db) {}

  async list(userId: string): Promise<List[]> {
    const rows = await this.db
      .select(listColumns)
      .from(lists)
      .where(eq(lists.userId, userId))
      .orderBy(asc(lists.position), asc(lists.id));
    return rows.map(serializeList);
  }

  async get(userId: string, id: number): Promise<ListRecord | null> {
    const [row] = await this.db.select(listColumns).from(lists).where(whereList(userId, id));
    return row ? toRecord(row) : null;
  }

  create(userId: string, input: NewList): Promise<ListCreateResult> {
    return this.#locked(userId, async (tx) => {
      const count = await this.#count(tx, userId);
      if (count >= LISTS_MAX) return { outcome: "full" } as const;
      const position = Math.min(input.position ?? count, count);
      if (position < count) {
        await tx
          .update(lists)
          .set({ position: sql`${lists.position} + 1`, ...bumped })
          .where(and(eq(lists.userId, userId), gte(lists.position, position)));
      }
      const [row] = await tx
        .insert(lists)
        .values({ userId, name: input.name, color: input.color, position })
        .returning(listColumns);
      return { outcome: "created", record: toRecord(row as ListRow) } as const;
    });
  }

  update(
    userId: string,
    id: number,
    changes: ListChanges,
    precondition?: Precondition,
  ): Promise<ListMutationResult> {
    return this.#locked(userId, async (tx) => {
      const [current] = await tx
        .select({ position: lists.position, version: lists.version })
        .from(lists)
        .where(whereList(userId, id));
      if (!current) return { outcome: "not_found" } as const;
      if (!allows(precondition, current.version))
        return { outcome: "precondition_failed" } as const;
      const set: Record<string, unknown> = { ...bumped };
      if (changes.name !== undefined) set.name = changes.name;
      if (changes.color !== undefined) set.color = changes.color;
      if (changes.position !== undefined) {
        const last = (await this.#count(tx, userId)) - 1;
        const to = Math.min(changes.position, last);
        const from = current.position;
        if (to !== from) {
          // The lists between the old and the new place move one step toward the old one.
          const between =
            to < from
              ? and(gte(lists.position, to), lt(lists.position, from))
              : and(gt(lists.position, from), lte(lists.position, to));
          await tx
            .update(lists)
            .set({
              position: sql`${lists.position} ${sql.raw(to < from ? "+" : "-")} 1`,
              ...bumped,
            })
            .where(and(eq(lists.userId, userId), between));
        }
        set.position = to;
      }
      const [row] = await tx
        .update(lists)
        .set(set)
        .where(whereList(userId, id))
        .returning(listColumns);
      return { outcome: "done", record: toRecord(row as ListRow) } as const;
    });
  }

  /** Deletes the list and (by the foreign key's cascade) its tasks; the later lists close the gap. */
  delete(userId: string, id: number, precondition?: Precondition) {
    return this.#locked(userId, async (tx) => {
      const versions = precondition?.kind === "versions" ? precondition.versions : undefined;
      const [deleted] = await tx
        .delete(lists)
        .where(and(whereList(userId, id), versions ? inArray(lists.version, versions) : undefined))
        .returning({ position: lists.position });
      if (!deleted) {
        const [found] = await tx.select({ id: lists.id }).from(lists).where(whereList(userId, id));
        return { outcome: found ? "precondition_failed" : "not_found" } as const;
      }
      await tx
        .update(lists)
        .set({ position: sql`${lists.position} - 1`, ...bumped })
        .where(and(eq(lists.userId, userId), gt(lists.position, deleted.position)));
      return { outcome: "done" } as const;
    });
  }

  #locked<T>(userId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      await lockUserLists(tx, userId);
      return work(tx);
    });
  }

  async #count(tx: Tx, userId: string): Promise<number> {
    const [row] = await tx
      .select({ count: sql<number>`count(*)`.mapWith(Number) })
      .from(lists)
      .where(eq(lists.userId, userId));
    return row?.count ?? 0;
  }
}

function allows(precondition: Precondition | undefined, version: number): boolean {
  return precondition?.kind !== "versions" || precondition.versions.includes(version);
}
