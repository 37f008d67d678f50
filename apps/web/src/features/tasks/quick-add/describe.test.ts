import { describe, expect, it } from "vitest";
import { describeReminder } from "./reminders";

describe("quick add in words", () => {
  it.each([
    [0, "at the due time"],
    [10, "10 minutes before"],
    [60, "1 hour before"],
    [90, "90 minutes before"],
    [1440, "1 day before"],
    [2880, "2 days before"],
    [10_080, "1 week before"],
  ])("a reminder %i minutes before reads %s", (minutes, words) => {
    expect(describeReminder(minutes)).toBe(words);
  });
});
