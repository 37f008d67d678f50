import type { Task } from "@todo/contract/task";
import { describe, expect, it } from "vitest";
import { countWithoutPendingDeletes } from "./use-undoable-delete";

const task = (id: number, completed: boolean) => ({ id, completed }) as Task;

describe("counts while deletes can be undone", () => {
  const pending = [task(1, false), task(2, true), task(3, false)];

  it("leave out the pending deletes each status counts", () => {
    expect(countWithoutPendingDeletes(10, pending, "all")).toBe(7);
    expect(countWithoutPendingDeletes(6, pending, "pending")).toBe(4);
    expect(countWithoutPendingDeletes(4, pending, "completed")).toBe(3);
  });

  it("are the server's counts when nothing is pending", () => {
    expect(countWithoutPendingDeletes(5, [], "all")).toBe(5);
  });
});
