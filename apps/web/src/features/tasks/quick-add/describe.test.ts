import { describe, expect, it } from "vitest";
import { describeRecurrence } from "./recurrence-phrases";
import { describeReminder } from "./reminders";

describe("quick add in words", () => {
  it.each([
    ["FREQ=DAILY", "Every day"],
    ["FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", "Every 2 weeks on Mon and Thu"],
    ["FREQ=WEEKLY;BYDAY=MO,WE,FR", "Every week on Mon, Wed and Fri"],
    ["FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "Every weekday"],
    ["FREQ=MONTHLY;BYDAY=-1FR", "Every last Fri of the month"],
    ["FREQ=MONTHLY;BYMONTHDAY=22", "Every month on the 22nd"],
    ["FREQ=MONTHLY;BYMONTHDAY=11", "Every month on the 11th"],
    ["FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "Every year on 2 29"],
    ["FREQ=DAILY;COUNT=10", "Every day, 10 times"],
    ["FREQ=DAILY;UNTIL=20261231", "Every day, until 2026-12-31"],
  ])("%s reads %s", (rule, words) => {
    expect(describeRecurrence(rule)).toBe(words);
  });

  it("names months with the given formatter", () => {
    expect(describeRecurrence("FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=1", () => "March")).toBe(
      "Every year on March 1",
    );
  });

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
