import type { List } from "@todo/contract/list";
import { describe, expect, it } from "vitest";
import { movedLists } from "./list-mutations";

const list = (id: number, position: number): List => ({
  id,
  user_id: "u",
  name: `List ${id}`,
  color: null,
  position,
  task_count: 0,
  created_at: "2026-12-06T00:00:00.000Z",
  updated_at: "2026-12-06T00:00:00.000Z",
});
const lists = [list(1, 0), list(2, 1), list(3, 2), list(4, 3)];
const order = (moved: List[]) => moved.map(({ id, position }) => [id, position]);

describe("the order shown at once while a move is sent", () => {
  it("shifts the lists in between, as the API does, keeping positions 0..n-1", () => {
    expect(order(movedLists(lists, 4, 1))).toEqual([
      [1, 0],
      [4, 1],
      [2, 2],
      [3, 3],
    ]);
    expect(order(movedLists(lists, 1, 2))).toEqual([
      [2, 0],
      [3, 1],
      [1, 2],
      [4, 3],
    ]);
  });

  it("leaves the order alone for a list it does not have", () => {
    expect(movedLists(lists, 9, 0)).toBe(lists);
  });
});
