import { randomUUID } from "node:crypto";

/** A fresh user id, so tests never see each other's tasks. */
export function newUserId(): string {
  return `user-${randomUUID()}`;
}
