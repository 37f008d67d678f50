import { nextOccurrence, type Schedule } from "@todo/contract/occurrences";
import { recurrenceError } from "@todo/contract/recurrence";
import { describe, expect, it } from "vitest";

/** docs/api.md, Completing a recurring task: where a completion moves a recurring task. */
type Row = [
  name: string,
  schedule: Omit<Schedule, "recurrenceFrom"> & { recurrenceFrom?: Schedule["recurrenceFrom"] },
  now: string,
  expected: { dueDate: string; recurrence?: string } | null,
];

const table: Row[] = [
  // Daylight saving: the local time stays, the UTC offset changes.
  [
    "Paris, daily at 09:00 across the spring change",
    { dueDate: "2026-03-28T08:00:00.000Z", timeZone: "Europe/Paris", recurrence: "FREQ=DAILY" },
    "2026-03-28T07:00:00Z",
    { dueDate: "2026-03-29T07:00:00.000Z" },
  ],
  [
    "Paris, weekly at 09:00 across the autumn change",
    { dueDate: "2026-10-21T07:00:00.000Z", timeZone: "Europe/Paris", recurrence: "FREQ=WEEKLY" },
    "2026-10-21T06:00:00Z",
    { dueDate: "2026-10-28T08:00:00.000Z" },
  ],
  [
    "Paris, daily at 02:30: the day 02:30 does not exist is skipped (RFC 5545)",
    { dueDate: "2026-03-28T01:30:00.000Z", timeZone: "Europe/Paris", recurrence: "FREQ=DAILY" },
    "2026-03-28T01:00:00Z",
    { dueDate: "2026-03-30T00:30:00.000Z" },
  ],
  [
    "New York, daily at 08:00 across the spring change",
    { dueDate: "2026-03-07T13:00:00.000Z", timeZone: "America/New_York", recurrence: "FREQ=DAILY" },
    "2026-03-07T12:00:00Z",
    { dueDate: "2026-03-08T12:00:00.000Z" },
  ],
  [
    "New York, monthly on the first Sunday across the autumn change",
    {
      dueDate: "2026-10-04T13:00:00.000Z",
      timeZone: "America/New_York",
      recurrence: "FREQ=MONTHLY;BYDAY=1SU",
    },
    "2026-10-04T12:00:00Z",
    { dueDate: "2026-11-01T14:00:00.000Z" },
  ],
  [
    "Sydney, daily at 09:00 as daylight saving ends in April",
    { dueDate: "2026-04-03T22:00:00.000Z", timeZone: "Australia/Sydney", recurrence: "FREQ=DAILY" },
    "2026-04-03T21:00:00Z",
    { dueDate: "2026-04-04T23:00:00.000Z" },
  ],
  [
    "Sydney, weekly at 09:00 as daylight saving starts in October",
    {
      dueDate: "2026-09-29T23:00:00.000Z",
      timeZone: "Australia/Sydney",
      recurrence: "FREQ=WEEKLY",
    },
    "2026-09-29T22:00:00Z",
    { dueDate: "2026-10-06T22:00:00.000Z" },
  ],
  // Calendar edges.
  [
    "monthly on the 31st skips the months without one",
    { dueDate: "2027-01-31T09:00:00.000Z", timeZone: "UTC", recurrence: "FREQ=MONTHLY" },
    "2027-01-30T00:00:00Z",
    { dueDate: "2027-03-31T09:00:00.000Z" },
  ],
  [
    "monthly on the last day with BYMONTHDAY=-1",
    { dueDate: "2027-01-31", timeZone: "UTC", recurrence: "FREQ=MONTHLY;BYMONTHDAY=-1" },
    "2027-01-30T00:00:00Z",
    { dueDate: "2027-02-28" },
  ],
  [
    "yearly on 29 February waits for the next leap year",
    { dueDate: "2028-02-29", timeZone: "Europe/Paris", recurrence: "FREQ=YEARLY" },
    "2028-02-29T10:00:00Z",
    { dueDate: "2032-02-29" },
  ],
  [
    "the last Friday of the month (-1FR)",
    {
      dueDate: "2026-12-25T15:00:00.000Z",
      timeZone: "UTC",
      recurrence: "FREQ=MONTHLY;BYDAY=-1FR",
    },
    "2026-12-20T00:00:00Z",
    { dueDate: "2027-01-29T15:00:00.000Z" },
  ],
  [
    "the second Tuesday of November, yearly",
    {
      dueDate: "2026-11-10",
      timeZone: "UTC",
      recurrence: "FREQ=YEARLY;BYMONTH=11;BYDAY=2TU",
    },
    "2026-11-01T00:00:00Z",
    { dueDate: "2027-11-09" },
  ],
  [
    "INTERVAL: every 2 weeks on Monday and Thursday",
    {
      dueDate: "2026-12-03",
      timeZone: "UTC",
      recurrence: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
    },
    "2026-12-01T00:00:00Z",
    { dueDate: "2026-12-14" },
  ],
  [
    "INTERVAL: every 3 days",
    { dueDate: "2026-12-01", timeZone: "UTC", recurrence: "FREQ=DAILY;INTERVAL=3" },
    "2026-11-30T00:00:00Z",
    { dueDate: "2026-12-04" },
  ],
  // COUNT and UNTIL.
  [
    "COUNT counts down",
    { dueDate: "2026-12-05", timeZone: "UTC", recurrence: "FREQ=DAILY;COUNT=3" },
    "2026-12-01T00:00:00Z",
    { dueDate: "2026-12-06", recurrence: "FREQ=DAILY;COUNT=2" },
  ],
  [
    "COUNT=1 has no next occurrence",
    { dueDate: "2026-12-05", timeZone: "UTC", recurrence: "FREQ=DAILY;COUNT=1" },
    "2026-12-01T00:00:00Z",
    null,
  ],
  [
    "COUNT also counts the overdue occurrences passed",
    { dueDate: "2026-11-28", timeZone: "UTC", recurrence: "FREQ=DAILY;COUNT=10" },
    "2026-12-01T12:00:00Z",
    { dueDate: "2026-12-02", recurrence: "FREQ=DAILY;COUNT=6" },
  ],
  [
    "COUNT running out while overdue: no next occurrence",
    { dueDate: "2026-11-28", timeZone: "UTC", recurrence: "FREQ=DAILY;COUNT=3" },
    "2026-12-01T12:00:00Z",
    null,
  ],
  [
    "UNTIL (a date) includes its day",
    {
      dueDate: "2026-12-04T09:00:00.000Z",
      timeZone: "UTC",
      recurrence: "FREQ=DAILY;UNTIL=20261205",
    },
    "2026-12-01T00:00:00Z",
    { dueDate: "2026-12-05T09:00:00.000Z", recurrence: "FREQ=DAILY;UNTIL=20261205" },
  ],
  [
    "past UNTIL there is no next occurrence",
    {
      dueDate: "2026-12-05T09:00:00.000Z",
      timeZone: "UTC",
      recurrence: "FREQ=DAILY;UNTIL=20261205T235959Z",
    },
    "2026-12-01T00:00:00Z",
    null,
  ],
  [
    "an all-day task with a date-time UNTIL compares days in its zone",
    {
      dueDate: "2026-12-04",
      timeZone: "Asia/Tokyo",
      recurrence: "FREQ=DAILY;UNTIL=20261204T200000Z",
    },
    "2026-12-01T00:00:00Z",
    { dueDate: "2026-12-05", recurrence: "FREQ=DAILY;UNTIL=20261204T200000Z" },
  ],
  [
    "a rule whose days never come (30 February) has no next occurrence",
    { dueDate: "2027-01-30", timeZone: "UTC", recurrence: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30" },
    "2026-12-01T00:00:00Z",
    null,
  ],
  [
    "an occurrence past the last accepted date ends the series",
    { dueDate: "9999-12-30", timeZone: "UTC", recurrence: "FREQ=DAILY" },
    "2026-12-01T00:00:00Z",
    null,
  ],
  // From when: the schedule, now, or the completion.
  [
    "overdue: the first occurrence after now, not after the old due date",
    { dueDate: "2026-11-02T09:00:00.000Z", timeZone: "UTC", recurrence: "FREQ=WEEKLY" },
    "2026-12-01T12:00:00Z",
    { dueDate: "2026-12-07T09:00:00.000Z" },
  ],
  [
    "overdue all-day: today's occurrence has begun, so tomorrow's",
    { dueDate: "2026-11-20", timeZone: "Europe/Paris", recurrence: "FREQ=DAILY" },
    "2026-12-01T23:30:00Z",
    { dueDate: "2026-12-03" },
  ],
  [
    "completed early: the occurrence after the current due date",
    { dueDate: "2026-12-10T09:00:00.000Z", timeZone: "UTC", recurrence: "FREQ=MONTHLY" },
    "2026-12-01T12:00:00Z",
    { dueDate: "2027-01-10T09:00:00.000Z" },
  ],
  [
    "recurrence_from completion: counted from the day of completion, due time kept",
    {
      dueDate: "2026-11-20T08:00:00.000Z",
      timeZone: "Europe/Paris",
      recurrence: "FREQ=DAILY;INTERVAL=3",
      recurrenceFrom: "completion",
    },
    "2026-12-01T15:00:00Z",
    { dueDate: "2026-12-04T08:00:00.000Z" },
  ],
  [
    "recurrence_from completion with COUNT counts one down",
    {
      dueDate: "2026-12-20",
      timeZone: "UTC",
      recurrence: "FREQ=WEEKLY;COUNT=4",
      recurrenceFrom: "completion",
    },
    "2026-12-01T15:00:00Z",
    { dueDate: "2026-12-08", recurrence: "FREQ=WEEKLY;COUNT=3" },
  ],
];

describe("nextOccurrence", () => {
  it.each(table)("%s", (_name, schedule, now, expected) => {
    const result = nextOccurrence({ recurrenceFrom: "due", ...schedule }, new Date(now));
    if (expected === null) {
      expect(result).toBeNull();
      return;
    }
    expect(result).toEqual({
      dueDate: expected.dueDate,
      recurrence: expected.recurrence ?? schedule.recurrence,
    });
  });
});

describe("recurrenceError", () => {
  it.each([
    "FREQ=DAILY",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
    "FREQ=MONTHLY;BYDAY=-1FR",
    "FREQ=MONTHLY;BYMONTHDAY=31,-1",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;COUNT=999",
    "FREQ=YEARLY;BYDAY=20MO",
    "FREQ=DAILY;UNTIL=20261231",
    "FREQ=DAILY;UNTIL=20261231T235959Z",
    "freq=daily;interval=999",
  ])("accepts %s", (rule) => {
    expect(recurrenceError(rule)).toBeNull();
  });

  it.each([
    ["", "Must be NAME=VALUE parts separated by ;, without the RRULE: prefix"],
    ["RRULE:FREQ=DAILY", "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY"],
    ["FREQ=HOURLY", "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY"],
    ["INTERVAL=2", "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY"],
    ["FREQ=DAILY;FREQ=WEEKLY", "FREQ is given twice"],
    ["FREQ=DAILY;INTERVAL=0", "INTERVAL must be a whole number from 1 to 999"],
    ["FREQ=DAILY;INTERVAL=1000", "INTERVAL must be a whole number from 1 to 999"],
    ["FREQ=DAILY;COUNT=0", "COUNT must be a whole number from 1 to 999"],
    ["FREQ=DAILY;COUNT=2;UNTIL=20261231", "COUNT and UNTIL cannot both be given"],
    [
      "FREQ=DAILY;UNTIL=20260230",
      "UNTIL must be a date YYYYMMDD or a UTC date-time YYYYMMDDTHHMMSSZ",
    ],
    [
      "FREQ=DAILY;UNTIL=20261231T120000",
      "UNTIL must be a date YYYYMMDD or a UTC date-time YYYYMMDDTHHMMSSZ",
    ],
    ["FREQ=WEEKLY;BYDAY=-1FR", "BYDAY ordinals (like -1FR) need FREQ=MONTHLY or FREQ=YEARLY"],
    ["FREQ=MONTHLY;BYDAY=6FR", "BYDAY ordinals must be 1 to 5 or -5 to -1"],
    ["FREQ=MONTHLY;BYDAY=XX", "BYDAY must list weekdays MO to SU, each with an optional ordinal"],
    ["FREQ=WEEKLY;BYMONTHDAY=1", "BYMONTHDAY cannot be used with FREQ=WEEKLY"],
    ["FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY must list days 1 to 31 or -31 to -1"],
    ["FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY must list days 1 to 31 or -31 to -1"],
    ["FREQ=YEARLY;BYMONTH=13", "BYMONTH must list months 1 to 12"],
    [
      "FREQ=DAILY;BYSETPOS=1",
      "BYSETPOS is not supported; use FREQ, INTERVAL, BYDAY, BYMONTHDAY, BYMONTH, COUNT or UNTIL",
    ],
    [
      "FREQ=DAILY;WKST=SU",
      "WKST is not supported; use FREQ, INTERVAL, BYDAY, BYMONTHDAY, BYMONTH, COUNT or UNTIL",
    ],
    ["FREQ=DAILY;", "Must be NAME=VALUE parts separated by ;, without the RRULE: prefix"],
  ])("refuses %j", (rule, message) => {
    expect(recurrenceError(rule)).toBe(message);
  });
});
