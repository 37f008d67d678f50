import { upcomingDueDates } from "@todo/contract/occurrences";
import { describe, expect, it } from "vitest";
import {
  buildRule,
  isLastWeekdayOfMonth,
  parseRule,
  presetOf,
  presetState,
  type RepeatContext,
  weekdayOrdinal,
} from "./repeat-rule";

// Saturday 12 December 2026: the 2nd Saturday of its month, not the last.
const allDay: RepeatContext = { dueDate: "2026-12-12", allDay: true, timeZone: "Europe/Paris" };
const timed: RepeatContext = { ...allDay, allDay: false };

describe("the picker's presets as rules", () => {
  it.each([
    ["daily", "FREQ=DAILY"],
    ["weekdays", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"],
    ["weekly", "FREQ=WEEKLY;BYDAY=SA"],
    ["monthly", "FREQ=MONTHLY;BYMONTHDAY=12"],
    ["yearly", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=12"],
    ["custom", "FREQ=DAILY"],
  ] as const)("%s, from a due date on Saturday 12 December, is %s", (preset, rule) => {
    expect(buildRule(presetState(preset, allDay), allDay)).toBe(rule);
  });

  it("derives the ordinal weekday from the due date", () => {
    expect(weekdayOrdinal("2026-12-12")).toBe(2);
    expect(isLastWeekdayOfMonth("2026-12-12")).toBe(false);
    expect(isLastWeekdayOfMonth("2026-12-25")).toBe(true);
    expect(weekdayOrdinal("2026-12-29")).toBe(5);
  });

  it("ends a timed series at the end of the UNTIL day in the task's zone, in UTC", () => {
    const state = {
      ...presetState("daily", timed),
      end: { kind: "until", date: "2027-03-31" } as const,
    };
    // Paris is on summer time (UTC+2) by 31 March 2027.
    expect(buildRule(state, timed)).toBe("FREQ=DAILY;UNTIL=20270331T215959Z");
    expect(buildRule(state, allDay)).toBe("FREQ=DAILY;UNTIL=20270331");
    const winter = { ...state, end: { kind: "until", date: "2027-01-15" } as const };
    expect(buildRule(winter, { ...timed, timeZone: "America/New_York" })).toBe(
      "FREQ=DAILY;UNTIL=20270116T045959Z",
    );
  });
});

describe("an existing task's rule read back into the picker", () => {
  it.each([
    ["FREQ=DAILY", "daily"],
    ["FREQ=DAILY;INTERVAL=3;COUNT=5", "custom"],
    ["FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "weekdays"],
    ["FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", "custom"],
    ["FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20270301", "weekly"],
    ["FREQ=MONTHLY;BYMONTHDAY=31", "monthly"],
    ["FREQ=MONTHLY;BYDAY=-1FR", "monthly"],
    ["FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU;COUNT=12", "custom"],
    ["FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "yearly"],
    ["FREQ=YEARLY;INTERVAL=2;BYMONTH=7;BYMONTHDAY=4;COUNT=3", "custom"],
  ])("%s comes back as the same rule (%s)", (rule, preset) => {
    const state = parseRule(rule, allDay);
    expect(state).not.toBeNull();
    if (!state) return;
    expect(presetOf(state)).toBe(preset);
    expect(buildRule(state, allDay)).toBe(rule);
  });

  it("reads lower case and fills parts the rule leaves to the due date", () => {
    const state = parseRule("freq=monthly", allDay);
    expect(state && buildRule(state, allDay)).toBe("FREQ=MONTHLY;BYMONTHDAY=12");
  });

  it("reads a timed UNTIL as the day it falls on in the task's zone", () => {
    const state = parseRule("FREQ=DAILY;UNTIL=20270331T215959Z", timed);
    expect(state?.end).toEqual({ kind: "until", date: "2027-03-31" });
    expect(state && buildRule(state, timed)).toBe("FREQ=DAILY;UNTIL=20270331T215959Z");
  });

  it.each([
    "FREQ=MONTHLY;BYMONTHDAY=1,15",
    "FREQ=MONTHLY;BYDAY=1MO,-1FR",
    "FREQ=MONTHLY;BYDAY=MO",
    "FREQ=MONTHLY;BYMONTHDAY=-1",
    "FREQ=DAILY;BYDAY=MO,TH",
    "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH",
    "FREQ=YEARLY;BYMONTH=1,7",
    "FREQ=WEEKLY;BYMONTH=3",
    "FREQ=HOURLY",
  ])("%s is beyond the picker: a custom rule, left as it is", (rule) => {
    expect(parseRule(rule, allDay)).toBeNull();
  });
});

describe("the next five dates, by the API's own computation", () => {
  const at = (dueDate: string, timeZone: string, recurrence: string) =>
    upcomingDueDates({ dueDate, timeZone, recurrence, recurrenceFrom: "due" }, 5);

  it("keeps 09:00 in Paris across the end of summer time (UTC+2 → UTC+1)", () => {
    expect(at("2026-10-22T07:00:00.000Z", "Europe/Paris", "FREQ=WEEKLY;BYDAY=MO,TH")).toEqual([
      "2026-10-22T07:00:00.000Z",
      "2026-10-26T08:00:00.000Z",
      "2026-10-29T08:00:00.000Z",
      "2026-11-02T08:00:00.000Z",
      "2026-11-05T08:00:00.000Z",
    ]);
  });

  it("keeps 08:30 in New York across the start of daylight time (UTC−5 → UTC−4)", () => {
    expect(at("2027-03-12T13:30:00.000Z", "America/New_York", "FREQ=DAILY")).toEqual([
      "2027-03-12T13:30:00.000Z",
      "2027-03-13T13:30:00.000Z",
      "2027-03-14T12:30:00.000Z",
      "2027-03-15T12:30:00.000Z",
      "2027-03-16T12:30:00.000Z",
    ]);
  });

  it("keeps 18:00 in Sydney across the end of daylight time (UTC+11 → UTC+10), every 2 weeks", () => {
    expect(
      at("2027-03-21T07:00:00.000Z", "Australia/Sydney", "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU"),
    ).toEqual([
      "2027-03-21T07:00:00.000Z",
      "2027-04-04T08:00:00.000Z",
      "2027-04-18T08:00:00.000Z",
      "2027-05-02T08:00:00.000Z",
      "2027-05-16T08:00:00.000Z",
    ]);
  });

  it("stops where COUNT and UNTIL end the series", () => {
    expect(at("2026-12-12", "UTC", "FREQ=DAILY;COUNT=3")).toEqual([
      "2026-12-12",
      "2026-12-13",
      "2026-12-14",
    ]);
    expect(
      at("2028-02-29", "Europe/Paris", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;UNTIL=20330301"),
    ).toEqual(["2028-02-29", "2032-02-29"]);
  });

  it("finds the last Friday and the 31st of each month", () => {
    expect(at("2026-12-25", "UTC", "FREQ=MONTHLY;BYDAY=-1FR")).toEqual([
      "2026-12-25",
      "2027-01-29",
      "2027-02-26",
      "2027-03-26",
      "2027-04-30",
    ]);
    expect(at("2026-12-31", "UTC", "FREQ=MONTHLY;BYMONTHDAY=31")).toEqual([
      "2026-12-31",
      "2027-01-31",
      "2027-03-31",
      "2027-05-31",
      "2027-07-31",
    ]);
  });
});
