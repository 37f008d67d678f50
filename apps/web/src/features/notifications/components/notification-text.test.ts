import { describe, expect, it } from "vitest";
import { alertTag, dueText, taskPath, timeAgo } from "./notification-text";

const now = new Date("2026-12-06T12:00:00Z");
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();

describe("timeAgo", () => {
  it.each([
    [10, "just now"],
    [60, "1 minute ago"],
    [5 * 60 + 30, "5 minutes ago"],
    [3_600, "1 hour ago"],
    [86_400, "yesterday"],
    [3 * 86_400, "3 days ago"],
    [14 * 86_400, "2 weeks ago"],
    [400 * 86_400, "last year"],
  ])("%i s ago is %s", (seconds, text) => {
    expect(timeAgo(ago(seconds), now, "en")).toBe(text);
  });
});

describe("dueText", () => {
  it("says when the task is due, as the task list does", () => {
    expect(
      dueText({ due_date: "2026-12-06T15:30:00Z" }, { now, timeZone: "UTC", locale: "en-US" }),
    ).toBe("Due Today, 3:30 PM");
    expect(dueText({ due_date: "2026-12-07" }, { now, timeZone: "UTC", locale: "en-US" })).toBe(
      "Due Tomorrow",
    );
  });
});

describe("taskPath", () => {
  it("opens the task on the tasks view the user is on", () => {
    expect(taskPath(7, "/tasks/today")).toBe("/tasks/today?edit=7");
  });

  it("opens it on the Inbox from elsewhere", () => {
    expect(taskPath(7, "/settings")).toBe("/tasks?edit=7");
  });
});

describe("alertTag", () => {
  it("is the tag the service worker uses too", () => {
    expect(alertTag(12)).toBe("notification-12");
  });
});
