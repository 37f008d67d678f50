import { describe, expect, it } from "vitest";
import { parseQuickAdd, type QuickAdd } from "./parse-quick-add";

// Wednesday 2 December 2026, 10:00 on the runtime's clock: every date below is local, so the
// table holds in any time zone.
const now = new Date(2026, 11, 2, 10, 0);
const lists = [
  { id: 1, name: "Bills" },
  { id: 2, name: "Home Renovation" },
  { id: 3, name: "Home" },
];

type Expected = Partial<Omit<QuickAdd, "parts">>;

const PHRASES: [string, Expected][] = [
  // The example, and the title alone.
  [
    "Pay rent tomorrow 9am every month #home !high @Bills remind 1h",
    {
      title: "Pay rent",
      dueDate: "2026-12-03",
      dueTime: "09:00",
      recurrence: "FREQ=MONTHLY",
      tags: ["home"],
      priority: "high",
      list: { name: "Bills", id: 1 },
      reminders: [60],
    },
  ],
  ["Buy milk", { title: "Buy milk", dueDate: "", dueTime: "", recurrence: null, tags: [] }],
  ["  Buy   milk  ", { title: "Buy milk" }],
  ["Read chapter 5", { title: "Read chapter 5", dueDate: "" }],
  ["Buy 2 apples", { title: "Buy 2 apples", dueDate: "" }],
  // Dates without a time are all-day.
  ["Call mom today", { title: "Call mom", dueDate: "2026-12-02", dueTime: "" }],
  ["Call mom tomorrow", { title: "Call mom", dueDate: "2026-12-03", dueTime: "" }],
  ["tomorrow Call mom", { title: "Call mom", dueDate: "2026-12-03" }],
  ["Call mom on friday", { title: "Call mom", dueDate: "2026-12-04" }],
  ["Call mom friday", { title: "Call mom", dueDate: "2026-12-04" }],
  ["Call mom on Monday", { title: "Call mom", dueDate: "2026-12-07" }],
  ["Call mom next monday", { title: "Call mom", dueDate: "2026-12-07" }],
  ["Call mom next week", { title: "Call mom", dueDate: "2026-12-09" }],
  ["Call mom in 3 days", { title: "Call mom", dueDate: "2026-12-05" }],
  ["Call mom in 2 weeks", { title: "Call mom", dueDate: "2026-12-16" }],
  ["Submit report Dec 24", { title: "Submit report", dueDate: "2026-12-24" }],
  ["Submit report December 24", { title: "Submit report", dueDate: "2026-12-24" }],
  ["Submit report 24 December", { title: "Submit report", dueDate: "2026-12-24" }],
  ["Submit report on Dec 24th", { title: "Submit report", dueDate: "2026-12-24" }],
  ["Submit report 2027-03-01", { title: "Submit report", dueDate: "2027-03-01" }],
  ["Submit report Jan 5", { title: "Submit report", dueDate: "2027-01-05" }],
  ["Submit report March 3 2028", { title: "Submit report", dueDate: "2028-03-03" }],
  ["Submit report by friday", { title: "Submit report", dueDate: "2026-12-04" }],
  ["Taxes due Dec 31", { title: "Taxes", dueDate: "2026-12-31" }],
  // With a time.
  ["Standup 9am", { title: "Standup", dueDate: "2026-12-03", dueTime: "09:00" }],
  ["Standup at 11am", { title: "Standup", dueDate: "2026-12-02", dueTime: "11:00" }],
  ["Standup at 11:30", { title: "Standup", dueDate: "2026-12-02", dueTime: "11:30" }],
  ["Dinner at 7pm", { title: "Dinner", dueDate: "2026-12-02", dueTime: "19:00" }],
  ["Dinner 19:30", { title: "Dinner", dueDate: "2026-12-02", dueTime: "19:30" }],
  ["Dinner tomorrow at 8pm", { title: "Dinner", dueDate: "2026-12-03", dueTime: "20:00" }],
  ["Dinner tomorrow 8:15pm", { title: "Dinner", dueDate: "2026-12-03", dueTime: "20:15" }],
  ["Dinner friday 7pm", { title: "Dinner", dueDate: "2026-12-04", dueTime: "19:00" }],
  ["Dinner Dec 24 at 6pm", { title: "Dinner", dueDate: "2026-12-24", dueTime: "18:00" }],
  ["Lunch at noon", { title: "Lunch", dueDate: "2026-12-02", dueTime: "12:00" }],
  ["Lunch tomorrow noon", { title: "Lunch", dueDate: "2026-12-03", dueTime: "12:00" }],
  ["Call in 2 hours", { title: "Call", dueDate: "2026-12-02", dueTime: "12:00" }],
  ["Call in 30 minutes", { title: "Call", dueDate: "2026-12-02", dueTime: "10:30" }],
  ["Gym tonight", { title: "Gym", dueDate: "2026-12-02" }],
  ["Gym this evening", { title: "Gym", dueDate: "2026-12-02" }],
  // Recurrence.
  [
    "Water plants every day",
    { title: "Water plants", recurrence: "FREQ=DAILY", dueDate: "2026-12-02" },
  ],
  ["Water plants daily", { title: "Water plants", recurrence: "FREQ=DAILY" }],
  ["Water plants every other day", { recurrence: "FREQ=DAILY;INTERVAL=2" }],
  ["Water plants every 3 days", { title: "Water plants", recurrence: "FREQ=DAILY;INTERVAL=3" }],
  ["Review every week", { title: "Review", recurrence: "FREQ=WEEKLY", dueDate: "2026-12-02" }],
  ["Review weekly", { title: "Review", recurrence: "FREQ=WEEKLY" }],
  ["Review every 2 weeks", { recurrence: "FREQ=WEEKLY;INTERVAL=2" }],
  ["Review every other week", { recurrence: "FREQ=WEEKLY;INTERVAL=2" }],
  ["Rent every month", { title: "Rent", recurrence: "FREQ=MONTHLY" }],
  ["Rent monthly", { title: "Rent", recurrence: "FREQ=MONTHLY" }],
  ["Rent every 3 months", { recurrence: "FREQ=MONTHLY;INTERVAL=3" }],
  ["Checkup every year", { title: "Checkup", recurrence: "FREQ=YEARLY" }],
  ["Checkup yearly", { recurrence: "FREQ=YEARLY" }],
  ["Checkup annually", { recurrence: "FREQ=YEARLY" }],
  ["Checkup every 2 years", { recurrence: "FREQ=YEARLY;INTERVAL=2" }],
  [
    "Standup every weekday",
    { title: "Standup", recurrence: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", dueDate: "2026-12-02" },
  ],
  [
    "Standup every workday 9am",
    { recurrence: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", dueTime: "09:00" },
  ],
  ["Gym every monday", { title: "Gym", recurrence: "FREQ=WEEKLY;BYDAY=MO", dueDate: "2026-12-07" }],
  ["Gym every mon", { recurrence: "FREQ=WEEKLY;BYDAY=MO", dueDate: "2026-12-07" }],
  ["Gym every Wednesday", { recurrence: "FREQ=WEEKLY;BYDAY=WE", dueDate: "2026-12-02" }],
  [
    "Gym every mon and thu",
    { title: "Gym", recurrence: "FREQ=WEEKLY;BYDAY=MO,TH", dueDate: "2026-12-03" },
  ],
  ["Gym every monday, wednesday and friday", { recurrence: "FREQ=WEEKLY;BYDAY=MO,WE,FR" }],
  [
    "Gym every tue & thu 7am",
    { recurrence: "FREQ=WEEKLY;BYDAY=TU,TH", dueDate: "2026-12-03", dueTime: "07:00" },
  ],
  ["Gym every saturday", { recurrence: "FREQ=WEEKLY;BYDAY=SA", dueDate: "2026-12-05" }],
  ["Gym every sunday", { recurrence: "FREQ=WEEKLY;BYDAY=SU", dueDate: "2026-12-06" }],
  [
    "Sync every 2 weeks on mon and thu",
    { title: "Sync", recurrence: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH" },
  ],
  ["Sync every week on friday", { recurrence: "FREQ=WEEKLY;BYDAY=FR", dueDate: "2026-12-04" }],
  [
    "Invoice every month on the 15th",
    { title: "Invoice", recurrence: "FREQ=MONTHLY;BYMONTHDAY=15", dueDate: "2026-12-15" },
  ],
  ["Invoice every 15th", { recurrence: "FREQ=MONTHLY;BYMONTHDAY=15", dueDate: "2026-12-15" }],
  [
    "Invoice every 1st of the month",
    { recurrence: "FREQ=MONTHLY;BYMONTHDAY=1", dueDate: "2027-01-01" },
  ],
  ["Invoice every 31st", { recurrence: "FREQ=MONTHLY;BYMONTHDAY=31", dueDate: "2026-12-31" }],
  [
    "Team lunch every last friday",
    { title: "Team lunch", recurrence: "FREQ=MONTHLY;BYDAY=-1FR", dueDate: "2026-12-25" },
  ],
  [
    "Team lunch every last friday of the month",
    { recurrence: "FREQ=MONTHLY;BYDAY=-1FR", dueDate: "2026-12-25" },
  ],
  [
    "Board meeting every first monday",
    { recurrence: "FREQ=MONTHLY;BYDAY=1MO", dueDate: "2026-12-07" },
  ],
  [
    "Board meeting every 2nd tuesday",
    { recurrence: "FREQ=MONTHLY;BYDAY=2TU", dueDate: "2026-12-08" },
  ],
  [
    "Board meeting every third thursday",
    { recurrence: "FREQ=MONTHLY;BYDAY=3TH", dueDate: "2026-12-17" },
  ],
  [
    "Birthday every march 3",
    { title: "Birthday", recurrence: "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=3", dueDate: "2027-03-03" },
  ],
  [
    "Birthday every 29 feb",
    { recurrence: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", dueDate: "2028-02-29" },
  ],
  [
    "Anniversary every dec 24th",
    { recurrence: "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24", dueDate: "2026-12-24" },
  ],
  ["Pills every day for 10 times", { title: "Pills", recurrence: "FREQ=DAILY;COUNT=10" }],
  ["Pills daily 5 times", { title: "Pills", recurrence: "FREQ=DAILY;COUNT=5" }],
  [
    "Pills every day until Dec 31",
    { title: "Pills", recurrence: "FREQ=DAILY;UNTIL=20261231", dueDate: "2026-12-02" },
  ],
  [
    "Course every monday until January 25",
    { title: "Course", recurrence: "FREQ=WEEKLY;BYDAY=MO;UNTIL=20270125" },
  ],
  [
    "Pay rent every month on the 1st",
    { title: "Pay rent", recurrence: "FREQ=MONTHLY;BYMONTHDAY=1", dueDate: "2027-01-01" },
  ],
  ["Rent every month starting tomorrow", { recurrence: "FREQ=MONTHLY" }],
  [
    "Review tomorrow every week",
    { title: "Review", recurrence: "FREQ=WEEKLY", dueDate: "2026-12-03" },
  ],
  // Tags.
  ["Buy milk #home", { title: "Buy milk", tags: ["home"] }],
  ["Buy milk #home #errands", { title: "Buy milk", tags: ["home", "errands"] }],
  ["#home Buy milk", { title: "Buy milk", tags: ["home"] }],
  ["Buy milk #home #Home", { tags: ["home"] }],
  ["Buy milk #café", { tags: ["café"] }],
  ["Buy milk #q4-2026", { tags: ["q4-2026"] }],
  ["Issue#42 fix", { title: "Issue#42 fix", tags: [] }],
  ["Ship \\#1 priority", { title: "Ship #1 priority", tags: [] }],
  ["Email \\@team", { title: "Email @team", list: null }],
  ["Say \\!high five", { title: "Say !high five", priority: null }],
  ["Path C:\\\\temp", { title: "Path C:\\temp" }],
  ["C\\# notes #dev", { title: "C# notes", tags: ["dev"] }],
  // Priority.
  ["Fix bug !high", { title: "Fix bug", priority: "high" }],
  ["Fix bug !h", { priority: "high" }],
  ["Fix bug !1", { priority: "high" }],
  ["Fix bug !medium", { priority: "medium" }],
  ["Fix bug !m", { priority: "medium" }],
  ["Fix bug !low", { title: "Fix bug", priority: "low" }],
  ["Fix bug !l", { priority: "low" }],
  ["Fix bug !3", { priority: "low" }],
  ["Fix bug !HIGH", { priority: "high" }],
  ["Fix bug !urgent", { title: "Fix bug !urgent", priority: null }],
  ["Wow!", { title: "Wow!", priority: null }],
  // Lists.
  ["Pay electricity @Bills", { title: "Pay electricity", list: { name: "Bills", id: 1 } }],
  ["Pay electricity @bills", { list: { name: "Bills", id: 1 } }],
  [
    "Paint walls @Home Renovation",
    { title: "Paint walls", list: { name: "Home Renovation", id: 2 } },
  ],
  [
    "Paint walls @Home tomorrow",
    { title: "Paint walls", list: { name: "Home", id: 3 }, dueDate: "2026-12-03" },
  ],
  ["Pay electricity @Someday", { title: "Pay electricity", list: { name: "Someday", id: null } }],
  ["Mail bob@example.com", { title: "Mail bob@example.com", list: null }],
  // Reminders.
  ["Dentist tomorrow 3pm remind 1h", { title: "Dentist", reminders: [60], dueTime: "15:00" }],
  ["Dentist tomorrow 3pm remind 10m", { reminders: [10] }],
  ["Dentist tomorrow 3pm remind 10 min", { reminders: [10] }],
  ["Dentist tomorrow 3pm remind 30 minutes before", { title: "Dentist", reminders: [30] }],
  ["Dentist tomorrow 3pm remind 1 day", { reminders: [1440] }],
  ["Dentist tomorrow 3pm remind 2d", { reminders: [2880] }],
  ["Dentist tomorrow 3pm remind 1w", { reminders: [10080] }],
  ["Dentist tomorrow 3pm remind at time", { reminders: [0] }],
  ["Dentist tomorrow 3pm remind me 2 hours before", { title: "Dentist", reminders: [120] }],
  ["Dentist tomorrow 3pm remind 1h, 1d", { reminders: [60, 1440] }],
  ["Dentist tomorrow 3pm remind 10m and 1h", { reminders: [10, 60] }],
  ["Dentist tomorrow 3pm remind 1h remind 1d", { title: "Dentist", reminders: [60, 1440] }],
  ["Dentist tomorrow 3pm remind 60m remind 1h", { reminders: [60] }],
  ["Dentist tomorrow remind 50000m", { title: "Dentist remind 50000m", reminders: [] }],
  ["Ask them to remind everyone", { title: "Ask them to remind everyone", reminders: [] }],
  // Everything at once, in another order.
  [
    "!low @Home #garden Mow the lawn every saturday 8am remind 1h",
    {
      title: "Mow the lawn",
      priority: "low",
      list: { name: "Home", id: 3 },
      tags: ["garden"],
      recurrence: "FREQ=WEEKLY;BYDAY=SA",
      dueDate: "2026-12-05",
      dueTime: "08:00",
      reminders: [60],
    },
  ],
];

describe("quick add", () => {
  it("has a table of at least 100 phrases", () => {
    expect(PHRASES.length).toBeGreaterThanOrEqual(100);
  });

  it.each(PHRASES)("reads %j", (text, expected) => {
    expect(parseQuickAdd(text, { now, lists })).toMatchObject(expected);
  });

  it("marks where each recognised part is, for highlighting", () => {
    const text = "Pay rent tomorrow 9am every month #home !high @Bills remind 1h";
    const { parts } = parseQuickAdd(text, { now, lists });
    expect(parts.map(({ kind, start, end }) => [kind, text.slice(start, end)])).toEqual([
      ["date", "tomorrow 9am"],
      ["recurrence", "every month"],
      ["tag", "#home"],
      ["priority", "!high"],
      ["list", "@Bills"],
      ["reminder", "remind 1h"],
    ]);
  });

  it("keeps at most five distinct reminders", () => {
    const { reminders } = parseQuickAdd("X tomorrow remind 1m, 2m, 3m, 4m, 5m, 6m", { now });
    expect(reminders).toEqual([1, 2, 3, 4, 5]);
  });

  it("counts UNTIL to the end of the day in UTC when the task has a time", () => {
    const { recurrence } = parseQuickAdd("Pills every day 8am until Dec 31", { now });
    const endOfDay = new Date(2026, 11, 31, 23, 59, 59).toISOString();
    expect(recurrence).toBe(`FREQ=DAILY;UNTIL=${endOfDay.slice(0, 19).replace(/[-:]/g, "")}Z`);
  });
});
