import { createTaskSchema } from "@todo/contract/task";
import { describe, expect, it } from "vitest";
import { draftFromTask, draftToInput, toFieldErrors } from "./task-fields";

const task = {
  id: 7,
  user_id: "u1",
  title: "Pay rent",
  description: null,
  completed: false,
  priority: "high" as const,
  due_date: "2026-12-01T17:00:00.000Z",
  time_zone: "UTC",
  tags: ["home", "money"],
  created_at: "2026-11-24T10:00:00.000Z",
  updated_at: "2026-11-24T10:00:00.000Z",
};

describe("task drafts", () => {
  it("round-trips a task through the form's strings", () => {
    const draft = draftFromTask(task);
    expect(draft).toMatchObject({ title: "Pay rent", description: "", tags: "home, money" });
    // datetime-local has minutes, no zone: the instant survives in any time zone.
    expect(draft.due).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(draftToInput(draft)).toEqual({
      title: "Pay rent",
      description: null,
      priority: "high",
      due_date: "2026-12-01T17:00:00.000Z",
      tags: ["home", "money"],
    });
  });

  it("turns empty optional fields into the API's null and []", () => {
    const input = draftToInput({ ...draftFromTask(), title: "x", description: "  ", tags: " , " });
    expect(input).toMatchObject({ description: null, due_date: null, tags: [] });
    expect(createTaskSchema.safeParse(input).success).toBe(true);
  });
});

describe("toFieldErrors", () => {
  it("maps the contract schema's issues onto the form's fields", () => {
    const result = createTaskSchema.safeParse(
      draftToInput({ ...draftFromTask(), title: " ", tags: "a".repeat(33) }),
    );
    expect(result.success).toBe(false);
    expect(toFieldErrors(result.error?.issues ?? [])).toEqual({
      title: "Must not be empty",
      tags: "Must be at most 32 characters",
    });
  });

  it("maps the API's 422 paths, keeping the first message per field", () => {
    expect(
      toFieldErrors([
        { path: "tags.3", message: "Too long" },
        { path: "/due_date", message: "Invalid date" },
        { path: "tags[0]", message: "Second message" },
        { path: "", message: "Body is invalid" },
      ]),
    ).toEqual({ tags: "Too long", due_date: "Invalid date", title: "Body is invalid" });
  });
});
