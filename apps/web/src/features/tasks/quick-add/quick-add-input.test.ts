import { describe, expect, it } from "vitest";
import { draftFromTask } from "../hooks/task-draft";
import { parseQuickAdd } from "./parse-quick-add";
import { quickAddToInput } from "./quick-add-input";

const now = new Date(2026, 11, 2, 10, 0);

describe("a quick add as a create request", () => {
  it("sends the issue's example with every field as docs/api.md, Tasks names it", () => {
    const text = "Pay rent tomorrow 9am every month #home !high @Bills remind 1h";
    const quickAdd = parseQuickAdd(text, { now, lists: [{ id: 4, name: "Bills" }] });
    expect(quickAddToInput({ ...draftFromTask(), title: text }, quickAdd, "Europe/Paris")).toEqual({
      title: "Pay rent",
      description: null,
      priority: "high",
      due_date: new Date(2026, 11, 3, 9, 0).toISOString(),
      time_zone: "Europe/Paris",
      tags: ["home"],
      list_id: 4,
      recurrence: "FREQ=MONTHLY",
      recurrence_from: "due",
      reminders: [{ before_minutes: 60 }],
    });
  });

  it("sends the form's (empty) recurrence and reminders when the text sets none", () => {
    const text = "Renew passport 2027-03-01 #admin";
    const input = quickAddToInput(
      { ...draftFromTask(), title: text, tags: "travel" },
      parseQuickAdd(text, { now }),
      "UTC",
    );
    expect(input).toEqual({
      title: "Renew passport",
      description: null,
      priority: "medium",
      due_date: "2027-03-01",
      time_zone: "UTC",
      tags: ["travel", "admin"],
      list_id: null,
      recurrence: null,
      recurrence_from: "due",
      reminders: [],
    });
  });

  it("keeps the form's list when the text names an unknown one, rather than guessing", () => {
    const text = "Pay electricity @Someday";
    const input = quickAddToInput(
      { ...draftFromTask(), title: text, listId: "9" },
      parseQuickAdd(text, { now }),
    );
    expect(input.list_id).toBe(9);
    expect(input.title).toBe("Pay electricity");
  });

  it("keeps the form's date when the text names none", () => {
    const draft = { ...draftFromTask(), title: "Call Ann", dueDate: "2027-01-02", dueTime: "" };
    expect(quickAddToInput(draft, parseQuickAdd("Call Ann", { now }), "UTC").due_date).toBe(
      "2027-01-02",
    );
  });
});
