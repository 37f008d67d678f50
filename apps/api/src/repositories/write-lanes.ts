import { createDb, type Db, type Sql } from "@todo/db/client";

/** A lane: one connection, and Drizzle over it. */
export interface WriteLane {
  sql: Sql;
  db: Db;
}

/**
 * The connections a user's one-statement task writes go through, one lane per user (ADR 0054).
 * A lane is one connection, so a user's concurrent writes queue in its pipeline, in order,
 * rather than as backends waiting on each other's row locks (the task's row, the user's
 * counts row): each such wait costs PostgreSQL a sleep, a wake-up and a re-check of the row.
 * Transactions stay on the pool: one would hold its lane for every user on it.
 */
export class WriteLanes {
  readonly #lanes: WriteLane[];

  constructor(clients: Sql[]) {
    this.#lanes = clients.map((sql) => ({ sql, db: createDb(sql) }));
  }

  /** The user's lane: the same one for every write of theirs. */
  for(userId: string): WriteLane {
    return this.#lanes[laneIndex(userId, this.#lanes.length)] as WriteLane;
  }
}

/** Which of `count` lanes is the user's. */
export function laneIndex(userId: string, count: number): number {
  // FNV-1a: user ids are random, so any spread-out hash serves; this one is a few operations.
  let hash = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) {
    hash = Math.imul(hash ^ userId.charCodeAt(i), 0x01000193);
  }
  return (hash >>> 0) % count;
}
