// Recurrence phrases → RRULE values within the supported subset (docs/api.md, Recurring tasks:
// FREQ, INTERVAL, BYDAY, BYMONTHDAY, BYMONTH, COUNT, UNTIL). Pure: the phrase table in the tests
// runs on this.

const WEEKDAYS = [
  ["MO", "mon(?:day)?s?"],
  ["TU", "tue(?:s(?:day)?)?s?"],
  ["WE", "wed(?:nesday)?s?"],
  ["TH", "thu(?:r(?:s(?:day)?)?)?s?"],
  ["FR", "fri(?:day)?s?"],
  ["SA", "sat(?:urday)?s?"],
  ["SU", "sun(?:day)?s?"],
] as const;
const WEEKDAY = `(?:${WEEKDAYS.map(([, pattern]) => pattern).join("|")})`;
const WEEKDAY_LIST = `${WEEKDAY}(?:\\s*(?:,|and|&)\\s*${WEEKDAY})*`;
const MONTHS = [
  "jan(?:uary)?",
  "feb(?:ruary)?",
  "mar(?:ch)?",
  "apr(?:il)?",
  "may",
  "june?",
  "july?",
  "aug(?:ust)?",
  "sep(?:t(?:ember)?)?",
  "oct(?:ober)?",
  "nov(?:ember)?",
  "dec(?:ember)?",
];
const MONTH = `(?:${MONTHS.join("|")})`;
const ORDINALS: Record<string, number> = {
  first: 1,
  "1st": 1,
  second: 2,
  "2nd": 2,
  third: 3,
  "3rd": 3,
  fourth: 4,
  "4th": 4,
  last: -1,
};
const ORDINAL = `(?:${Object.keys(ORDINALS).join("|")})`;
const FREQUENCIES = { day: "DAILY", week: "WEEKLY", month: "MONTHLY", year: "YEARLY" } as const;
const ADVERBS: Record<string, string> = {
  daily: "FREQ=DAILY",
  weekly: "FREQ=WEEKLY",
  monthly: "FREQ=MONTHLY",
  yearly: "FREQ=YEARLY",
  annually: "FREQ=YEARLY",
};

function weekdayCode(word: string): string {
  const found = WEEKDAYS.find(([, pattern]) => new RegExp(`^${pattern}$`, "i").test(word));
  if (!found) throw new Error(`Not a weekday: ${word}`);
  return found[0];
}

function weekdayCodes(list: string): string {
  const words = list.match(new RegExp(WEEKDAY, "gi")) ?? [];
  return [...new Set(words.map(weekdayCode))].join(",");
}

function monthNumber(word: string): number {
  return MONTHS.findIndex((pattern) => new RegExp(`^${pattern}$`, "i").test(word)) + 1;
}

/** Each phrase form: a pattern (matched case-insensitively at a word start) and its rule. */
const FORMS: { pattern: RegExp; rule: (match: RegExpExecArray) => string }[] = [
  {
    // every weekday / every workday
    pattern: /^every\s+(?:week|work)days?\b/i,
    rule: () => "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
  },
  {
    // every last friday (of the month), every 2nd tuesday
    pattern: new RegExp(
      `^every\\s+(${ORDINAL})\\s+(${WEEKDAY})(?:\\s+of\\s+(?:the|each|every)\\s+month)?\\b`,
      "i",
    ),
    rule: (m) =>
      `FREQ=MONTHLY;BYDAY=${ORDINALS[m[1]?.toLowerCase() ?? ""]}${weekdayCode(m[2] ?? "")}`,
  },
  {
    // every 15th (of the month)
    pattern: /^every\s+(\d{1,2})(?:st|nd|rd|th)(?:\s+of\s+(?:the|each|every)\s+month)?\b/i,
    rule: (m) => `FREQ=MONTHLY;BYMONTHDAY=${Number(m[1])}`,
  },
  {
    // every march 1st, every 29 feb
    pattern: new RegExp(
      `^every\\s+(?:(${MONTH})\\s+(\\d{1,2})(?:st|nd|rd|th)?|(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH}))\\b`,
      "i",
    ),
    rule: (m) =>
      `FREQ=YEARLY;BYMONTH=${monthNumber(m[1] ?? m[4] ?? "")};BYMONTHDAY=${Number(m[2] ?? m[3])}`,
  },
  {
    // every monday, every mon, wed and fri
    pattern: new RegExp(`^every\\s+(${WEEKDAY_LIST})\\b`, "i"),
    rule: (m) => `FREQ=WEEKLY;BYDAY=${weekdayCodes(m[1] ?? "")}`,
  },
  {
    // every day / every other week / every 3 months, then "on mon and thu" or "on the 15th"
    pattern: new RegExp(
      `^every\\s+(?:(other)\\s+|(\\d{1,3})\\s+)?(day|week|month|year)s?(?:\\s+on\\s+(?:(${WEEKDAY_LIST})|the\\s+(\\d{1,2})(?:st|nd|rd|th)?))?\\b`,
      "i",
    ),
    rule: (m) => {
      const unit = (m[3]?.toLowerCase() ?? "day") as keyof typeof FREQUENCIES;
      const interval = m[1] ? 2 : Number(m[2] ?? 1);
      const parts = [`FREQ=${FREQUENCIES[unit]}`];
      if (interval > 1) parts.push(`INTERVAL=${interval}`);
      if (m[4] && unit === "week") parts.push(`BYDAY=${weekdayCodes(m[4])}`);
      if (m[5] && unit === "month") parts.push(`BYMONTHDAY=${Number(m[5])}`);
      return parts.join(";");
    },
  },
  {
    pattern: new RegExp(`^(${Object.keys(ADVERBS).join("|")})\\b`, "i"),
    rule: (m) => ADVERBS[m[1]?.toLowerCase() ?? ""] ?? "",
  },
];

export interface RecurrenceMatch {
  rule: string;
  /** Where the phrase is in the text searched. */
  start: number;
  end: number;
}

/** The first recurrence phrase in `text` (with "for N times" after it counted as COUNT). */
export function findRecurrence(text: string): RecurrenceMatch | null {
  for (const word of text.matchAll(/\b(?:every|daily|weekly|monthly|yearly|annually)\b/gi)) {
    const rest = text.slice(word.index);
    for (const form of FORMS) {
      const match = form.pattern.exec(rest);
      if (!match) continue;
      const rule = form.rule(match);
      if (!validRule(rule)) continue;
      let end = word.index + match[0].length;
      const count = /^\s+(?:for\s+)?(\d{1,3})\s+times\b/i.exec(text.slice(end));
      if (count && Number(count[1]) >= 1) {
        end += count[0].length;
        return { rule: `${rule};COUNT=${Number(count[1])}`, start: word.index, end };
      }
      return { rule, start: word.index, end };
    }
  }
  return null;
}

/** Bounds the contract sets: INTERVAL 1–999, days of the month 1–31. */
function validRule(rule: string): boolean {
  const interval = /INTERVAL=(\d+)/.exec(rule);
  if (interval && (Number(interval[1]) < 1 || Number(interval[1]) > 999)) return false;
  const day = /BYMONTHDAY=(\d+)/.exec(rule);
  if (day && (Number(day[1]) < 1 || Number(day[1]) > 31)) return false;
  return !/BYMONTH=0\b/.test(rule);
}
