import { describe, expect, it } from "vitest";
import { parseViewSegments, type TaskView, viewPath } from "./task-views";

describe("task views", () => {
  it("reads each view back from its own address", () => {
    const views: TaskView[] = [
      { kind: "all" },
      { kind: "inbox" },
      { kind: "today" },
      { kind: "upcoming" },
      { kind: "completed" },
      { kind: "list", listId: 42 },
    ];
    for (const view of views) {
      const segments = viewPath(view).split("/").slice(2);
      expect(parseViewSegments(segments)).toEqual(view);
    }
  });

  it("names no view for unknown or malformed addresses", () => {
    for (const segments of [
      ["later"],
      ["lists"],
      ["lists", "0"],
      ["lists", "abc"],
      ["today", "x"],
      ["lists", "1", "x"],
    ]) {
      expect(parseViewSegments(segments)).toBeNull();
    }
  });
});
