import { describe, expect, it } from "vitest";
import { describeImportError, previewImport } from "./user-data";

describe("previewImport", () => {
  it("counts the lists and tasks and shows the first titles", () => {
    const tasks = Array.from({ length: 7 }, (_, index) => ({ id: index, title: `Task ${index}` }));
    tasks[1] = { id: 1, title: " " };
    const preview = previewImport(
      JSON.stringify({ format: "todo-export", version: 2, lists: [{ id: 1 }], tasks }),
    );
    expect(preview).toMatchObject({
      lists: 1,
      tasks: 7,
      titles: ["Task 0", "(no title)", "Task 2", "Task 3", "Task 4"],
    });
  });

  it("says what is wrong with a file that is not an export", () => {
    expect(previewImport("{oops")).toEqual({ error: expect.stringMatching(/not JSON/) });
    expect(previewImport("null")).toEqual({ error: expect.stringMatching(/not a Todo export/) });
    expect(previewImport(JSON.stringify({ format: "todo-export", lists: [] }))).toEqual({
      error: expect.stringMatching(/not a Todo export/),
    });
  });
});

describe("describeImportError", () => {
  it.each([
    [{ path: "tasks.17.title", message: "Must not be empty" }, "Task 18, title: Must not be empty"],
    [{ path: "lists.0.color", message: "Bad" }, "List 1, color: Bad"],
    [{ path: "tasks.2", message: "Invalid" }, "Task 3: Invalid"],
    [{ path: "tasks", message: "At most 10,000 tasks" }, "tasks: At most 10,000 tasks"],
    [{ path: "version", message: "Invalid input" }, "version: Invalid input"],
  ])("%j reads %j", (error, text) => {
    expect(describeImportError(error)).toBe(text);
  });
});
