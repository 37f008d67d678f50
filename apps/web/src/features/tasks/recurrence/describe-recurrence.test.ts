import { describe, expect, it } from "vitest";
import { describeRecurrence } from "./describe-recurrence";

describe("a recurrence in words", () => {
  it.each([
    ["FREQ=DAILY", "Every day"],
    ["FREQ=DAILY;INTERVAL=3", "Every 3 days"],
    ["FREQ=DAILY;COUNT=5", "Every day, 5 times"],
    ["FREQ=DAILY;COUNT=1", "Every day, once"],
    ["FREQ=DAILY;UNTIL=20261231", "Every day until 31 Dec 2026"],
    ["freq=daily;interval=2;count=10", "Every 2 days, 10 times"],
    ["FREQ=WEEKLY", "Weekly"],
    ["FREQ=WEEKLY;BYDAY=MO", "Weekly on Mon"],
    ["FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", "Every 2 weeks on Mon and Thu"],
    ["FREQ=WEEKLY;BYDAY=MO,WE,FR", "Weekly on Mon, Wed and Fri"],
    ["FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "Every weekday"],
    ["FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TU,WE,TH,FR", "Every 2 weeks on Mon, Tue, Wed, Thu and Fri"],
    ["FREQ=WEEKLY;BYDAY=SA,SU;COUNT=4", "Weekly on Sat and Sun, 4 times"],
    ["FREQ=MONTHLY", "Monthly"],
    ["FREQ=MONTHLY;BYDAY=-1FR", "Monthly on the last Friday"],
    ["FREQ=MONTHLY;BYDAY=2TU", "Monthly on the 2nd Tuesday"],
    ["FREQ=MONTHLY;BYDAY=-2MO", "Monthly on the 2nd to last Monday"],
    ["FREQ=MONTHLY;BYDAY=1MO,-1FR", "Monthly on the 1st Monday and the last Friday"],
    ["FREQ=MONTHLY;BYMONTHDAY=31", "Monthly on the 31st"],
    ["FREQ=MONTHLY;BYMONTHDAY=22", "Monthly on the 22nd"],
    ["FREQ=MONTHLY;BYMONTHDAY=11", "Monthly on the 11th"],
    ["FREQ=MONTHLY;BYMONTHDAY=1,15", "Monthly on the 1st and 15th"],
    ["FREQ=MONTHLY;BYMONTHDAY=-1", "Monthly on the last day"],
    ["FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15", "Every 3 months on the 15th"],
    ["FREQ=MONTHLY;BYDAY=3WE;COUNT=6", "Monthly on the 3rd Wednesday, 6 times"],
    ["FREQ=YEARLY", "Yearly"],
    ["FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "Yearly on 29 February"],
    [
      "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;UNTIL=20300301",
      "Yearly on 29 February until 1 Mar 2030",
    ],
    ["FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=1", "Yearly on 1 March"],
    ["FREQ=YEARLY;INTERVAL=4;BYMONTH=7;BYMONTHDAY=4", "Every 4 years on 4 July"],
    ["FREQ=YEARLY;BYMONTH=11;BYDAY=4TH", "Yearly on the 4th Thursday in November"],
    ["FREQ=YEARLY;BYMONTH=1,7", "Yearly in January and July"],
    ["FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=-1", "Yearly on the last day of December"],
    ["FREQ=DAILY;BYDAY=MO,TH", "Every day on Mon and Thu"],
  ])("%s reads “%s”", (rule, words) => {
    expect(describeRecurrence(rule)).toBe(words);
  });

  it("names an UNTIL moment by the day it falls on in the task's zone", () => {
    // 03:00 UTC on 1 March is still 28 February in New York.
    const rule = "FREQ=WEEKLY;BYDAY=FR;UNTIL=20300301T030000Z";
    expect(describeRecurrence(rule, "America/New_York")).toBe("Weekly on Fri until 28 Feb 2030");
    expect(describeRecurrence(rule, "Europe/Paris")).toBe("Weekly on Fri until 1 Mar 2030");
  });
});
