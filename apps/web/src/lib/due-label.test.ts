import { dateTimeFormats } from "@todo/contract/date-time-format";
import { describe, expect, it } from "vitest";
import { dayIn, dueLabel } from "./due-label";

// Wednesday 2 December 2026, 10:00 in Paris (09:00 UTC).
const now = new Date("2026-12-02T09:00:00Z");
const paris = { now, timeZone: "Europe/Paris", locale: "en-US" };

describe("due date labels", () => {
  it.each([
    ["2026-12-02", "Today", false],
    ["2026-12-03", "Tomorrow", false],
    ["2026-12-04", "Friday", false],
    ["2026-12-08", "Tuesday", false],
    ["2026-12-09", "Dec 9", false],
    ["2027-01-15", "Jan 15, 2027", false],
    ["2026-12-01", "1 day overdue", true],
    ["2026-11-29", "3 days overdue", true],
  ])("all-day %s reads %s", (due, text, overdue) => {
    expect(dueLabel(due, paris)).toMatchObject({ text, overdue });
  });

  it.each([
    ["2026-12-02T17:00:00Z", "Today, 6:00 PM", false],
    ["2026-12-02T08:00:00Z", "Today, 9:00 AM (overdue)", true],
    ["2026-12-03T07:30:00Z", "Tomorrow, 8:30 AM", false],
    ["2026-12-05T10:00:00Z", "Saturday, 11:00 AM", false],
    ["2026-11-30T10:00:00Z", "2 days overdue", true],
  ])("the moment %s reads %s in Paris", (due, text, overdue) => {
    expect(dueLabel(due, paris)).toMatchObject({ text, overdue });
  });

  it.each([
    ["2026-11-29", "3 days overdue"],
    ["2026-12-01", "1 day overdue"],
    ["2026-11-30T10:00:00Z", "2 days overdue"],
    ["2026-12-02T08:00:00Z", "Due Today, 9:00 AM (overdue)"],
    ["2026-12-02", "Due Today"],
    ["2026-12-04", "Due Friday"],
  ])("a row shows %s as “%s”, never “Due … days overdue”", (due, phrase) => {
    expect(dueLabel(due, paris).phrase).toBe(phrase);
  });

  it("counts days in the reader's zone, not UTC's", () => {
    // 23:30 UTC on the 2nd is already the 3rd in Paris, but still the 2nd in New York.
    expect(dueLabel("2026-12-02T23:30:00Z", paris).text).toBe("Tomorrow, 12:30 AM");
    expect(
      dueLabel("2026-12-02T23:30:00Z", { now, timeZone: "America/New_York", locale: "en-US" }).text,
    ).toBe("Today, 6:30 PM");
    // Late evening in Sydney is the next calendar day there.
    expect(
      dueLabel("2026-12-03", {
        now: new Date("2026-12-02T14:00:00Z"),
        timeZone: "Australia/Sydney",
        locale: "en-US",
      }).text,
    ).toBe("Today");
  });

  it("names weekdays in the reader's language", () => {
    expect(dueLabel("2026-12-04", { ...paris, locale: "fr-FR" }).text).toBe("vendredi");
  });

  it("counts whole days across a daylight-saving change", () => {
    // Paris leaves summer time on 25 October 2026.
    const before = { now: new Date("2026-10-24T10:00:00Z"), timeZone: "Europe/Paris" };
    expect(dueLabel("2026-10-26", { ...before, locale: "en-US" }).text).toBe("Monday");
    expect(dueLabel("2026-10-21", { ...before, locale: "en-US" }).text).toBe("3 days overdue");
  });
});

describe("dayIn", () => {
  it("reads today's date in a zone", () => {
    expect(dayIn("Pacific/Kiritimati", now)).toBe("2026-12-02");
    expect(dayIn("Pacific/Pago_Pago", new Date("2026-12-02T05:00:00Z"))).toBe("2026-12-01");
  });
});

describe("dateTimeFormats", () => {
  it("builds one formatter per locale and time zone, and throws for an unknown zone", () => {
    const weekday = dateTimeFormats({ weekday: "long" });
    const chatham = weekday("en-GB", "Pacific/Chatham");
    expect(weekday("en-GB", "Pacific/Chatham")).toBe(chatham);
    expect(chatham.format(now)).toBe("Wednesday");
    expect(weekday("en-GB", "Pacific/Pago_Pago").format(now)).toBe("Tuesday");
    expect(weekday("de-DE", "Pacific/Chatham").format(now)).toBe("Mittwoch");
    expect(weekday("en-GB", undefined)).toBe(weekday("en-GB", undefined));
    expect(() => weekday("en-GB", "Mars/Olympus_Mons")).toThrow(RangeError);
  });
});
