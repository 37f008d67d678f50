import { z } from "zod";
import { isAllDay } from "./due-date";
import {
  DESCRIPTION_MAX,
  REMINDER_BEFORE_MAX,
  REMINDERS_MAX,
  TAG_MAX,
  TAGS_MAX,
  TITLE_MAX,
} from "./limits";
import { recurrenceError } from "./recurrence";
import { text } from "./text";

export { DESCRIPTION_MAX, REMINDER_BEFORE_MAX, REMINDERS_MAX, TAG_MAX, TAGS_MAX, TITLE_MAX };

export const PRIORITIES = ["low", "medium", "high"] as const;
export const prioritySchema = z.enum(PRIORITIES);
export type Priority = z.infer<typeof prioritySchema>;

export const titleSchema = text({ min: 1, max: TITLE_MAX }).describe(
  "Trimmed; 1 to 200 Unicode code points.",
);
export const descriptionSchema = text({ min: 0, max: DESCRIPTION_MAX, multiline: true })
  .nullable()
  .describe("At most 1000 characters; tab, line feed and carriage return allowed.");

/**
 * Four-digit years in UTC: PostgreSQL has no year 0, years past 9999 do not round-trip, and
 * the database driver reads a year below 100 back as 19xx/20xx.
 */
const DUE_DATE_RANGE = { min: Date.UTC(1000, 0, 1), max: Date.UTC(10_000, 0, 1) - 1 };
/**
 * An all-day date is kept one day inside those years, so the start of its day stays inside
 * them in every time zone (offsets reach about ±16 hours in early history).
 */
const DUE_DAY_RANGE = { min: "1000-01-02", max: "9999-12-30" };

const dueDay = z.iso
  .date({ error: "Must be a real calendar date (YYYY-MM-DD)" })
  .refine((value) => value >= DUE_DAY_RANGE.min && value <= DUE_DAY_RANGE.max, {
    message: `Must be between ${DUE_DAY_RANGE.min} and ${DUE_DAY_RANGE.max}`,
  });

/** RFC 3339 date-time with `Z` or a numeric offset; normalised to UTC. */
const dueMoment = z.iso
  .datetime({
    offset: true,
    error: "Must be a date (YYYY-MM-DD) or an RFC 3339 date-time with an offset",
  })
  .refine((value) => !Number.isNaN(Date.parse(value)), { message: "Invalid date", abort: true })
  .refine(
    (value) => Date.parse(value) >= DUE_DATE_RANGE.min && Date.parse(value) <= DUE_DATE_RANGE.max,
    { message: "Must be between the years 1000 and 9999 (UTC)" },
  )
  .transform((value) => new Date(value).toISOString());

/**
 * One field, two shapes (docs/api.md, Tasks), told apart by their form so that each keeps
 * its own error message (a union would only say "Invalid input").
 */
export const dueDateSchema = z
  .string()
  .transform((value, context) => {
    const result = (isAllDay(value) ? dueDay : dueMoment).safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      context.addIssue({ code: "custom", message: issue.message });
    }
    return z.NEVER;
  })
  .meta({ anyOf: [{ format: "date" }, { format: "date-time" }] })
  .nullable()
  .describe(
    "An all-day date `YYYY-MM-DD` (1000-01-02 to 9999-12-30), returned as sent; or an RFC 3339 " +
      "date-time with an offset, years 1000 to 9999 in UTC, returned in UTC.",
  );

/** The letters, digits and `_+-/` of IANA names; offsets (`+01:00`) and spaces are not names. */
const TIME_ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;
const TIME_ZONE_MAX = 64;

/** An IANA time zone name that the runtime's time zone database knows. */
export function isTimeZone(name: string): boolean {
  if (name.length > TIME_ZONE_MAX || !TIME_ZONE_NAME.test(name)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const DEFAULT_TIME_ZONE = "UTC";

export const timeZoneSchema = z
  .string()
  .refine(isTimeZone, { message: "Must be an IANA time zone name, such as Europe/Paris" })
  .meta({ maxLength: TIME_ZONE_MAX })
  .describe("IANA time zone name; the zone in which an all-day `due_date` is understood.");

/** Drops case-insensitive duplicates, keeping the first spelling. */
function uniqueTags(tags: string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((tag) => {
    const key = tag.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export const tagSchema = text({ min: 1, max: TAG_MAX });
export const tagsSchema = z
  .array(tagSchema)
  .transform(uniqueTags)
  .refine((tags) => tags.length <= TAGS_MAX, {
    message: `At most ${TAGS_MAX} distinct tags`,
  })
  .describe("0 to 10 tags; case-insensitive duplicates are dropped, first spelling kept.");

export const listIdSchema = z
  .number()
  .int("Must be the id of one of your lists, or null")
  .positive("Must be the id of one of your lists, or null")
  .nullable()
  .describe("The id of one of this user's lists, or null (the Inbox).");

export const recurrenceSchema = z
  .string()
  .refine((rule) => recurrenceError(rule) === null, {
    error: (issue) => recurrenceError(String(issue.input)) ?? "Invalid recurrence",
  })
  .transform((rule) => rule.toUpperCase())
  .nullable()
  .describe(
    "An RFC 5545 RRULE value without the `RRULE:` prefix, or null: FREQ (DAILY, WEEKLY, MONTHLY, " +
      "YEARLY), INTERVAL and COUNT (1-999), BYDAY (ordinals such as -1FR with MONTHLY or YEARLY), " +
      "BYMONTHDAY, BYMONTH, UNTIL (YYYYMMDD or YYYYMMDDTHHMMSSZ; not with COUNT). Returned in upper " +
      "case. Needs a `due_date`. Each completion moves `due_date` to the next occurrence and counts " +
      "COUNT down by the occurrences passed.",
  );

export const RECURRENCE_FROM = ["due", "completion"] as const;
export const recurrenceFromSchema = z
  .enum(RECURRENCE_FROM)
  .describe(
    "`due`: the next occurrence follows the schedule; `completion`: it is counted from the " +
      "moment of completion.",
  );

export const reminderSchema = z.strictObject({
  before_minutes: z
    .number()
    .int("Must be a whole number of minutes")
    .min(0, "Must be from 0 to 40320")
    .max(REMINDER_BEFORE_MAX, "Must be from 0 to 40320"),
});
export type Reminder = z.infer<typeof reminderSchema>;

export const remindersSchema = z
  .array(reminderSchema)
  .max(REMINDERS_MAX, `At most ${REMINDERS_MAX} reminders`)
  .refine(
    (reminders) =>
      new Set(reminders.map((reminder) => reminder.before_minutes)).size === reminders.length,
    { message: "Reminders must be distinct" },
  )
  .describe(
    "0 to 5 distinct reminders, each `before_minutes` (0 to 40320) before `due_date` (an " +
      "all-day date counts from 09:00 in `time_zone`). Needs a `due_date`.",
  );

const DUE_DATE_NEEDED = "Needs a due_date";

/** Recurrence and reminders are relative to a due date (docs/api.md, Reminders). */
function requireDueDate(
  task: { due_date?: unknown; recurrence?: unknown; reminders?: unknown[] },
  context: z.RefinementCtx,
) {
  if (task.due_date !== null) return;
  if (task.recurrence !== null && task.recurrence !== undefined) {
    context.addIssue({ code: "custom", path: ["recurrence"], message: DUE_DATE_NEEDED });
  }
  if (task.reminders !== undefined && task.reminders.length > 0) {
    context.addIssue({ code: "custom", path: ["reminders"], message: DUE_DATE_NEEDED });
  }
}

const writableFields = {
  title: titleSchema,
  description: descriptionSchema,
  completed: z.boolean(),
  priority: prioritySchema,
  due_date: dueDateSchema,
  time_zone: timeZoneSchema,
  tags: tagsSchema,
  list_id: listIdSchema,
  recurrence: recurrenceSchema,
  recurrence_from: recurrenceFromSchema,
  reminders: remindersSchema,
};

export const createTaskSchema = z
  .strictObject({
    title: writableFields.title,
    description: writableFields.description.default(null),
    completed: writableFields.completed.default(false),
    priority: writableFields.priority.default("medium"),
    due_date: writableFields.due_date.default(null),
    time_zone: writableFields.time_zone.default(DEFAULT_TIME_ZONE),
    tags: writableFields.tags.default([]),
    list_id: writableFields.list_id.default(null),
    recurrence: writableFields.recurrence.default(null),
    recurrence_from: writableFields.recurrence_from.default("due"),
    reminders: writableFields.reminders.default([]),
  })
  .superRefine(requireDueDate)
  .describe("A new task. Unknown keys are rejected.");
export type CreateTaskInput = z.input<typeof createTaskSchema>;
export type NewTask = z.output<typeof createTaskSchema>;

export const updateTaskSchema = z
  .strictObject({
    title: writableFields.title.optional(),
    description: writableFields.description.optional(),
    completed: writableFields.completed.optional(),
    priority: writableFields.priority.optional(),
    due_date: writableFields.due_date.optional(),
    time_zone: writableFields.time_zone.optional(),
    tags: writableFields.tags.optional(),
    list_id: writableFields.list_id.optional(),
    recurrence: writableFields.recurrence.optional(),
    recurrence_from: writableFields.recurrence_from.optional(),
    reminders: writableFields.reminders.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: "Give at least one field" })
  .superRefine(requireDueDate)
  .describe("A non-empty subset of the writable fields; only those change.");
export type UpdateTaskInput = z.input<typeof updateTaskSchema>;
export type TaskChanges = z.output<typeof updateTaskSchema>;

export const setCompletedSchema = z
  .strictObject({ completed: z.boolean() })
  .describe("Sets `completed`; without a body the endpoint toggles it.");

export const taskSchema = z
  .object({
    id: z.number().int().positive(),
    user_id: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    completed: z.boolean(),
    priority: prioritySchema,
    // One flat union: the response serializer picks a branch per task, and nesting costs more.
    due_date: z
      .union([z.iso.date(), z.iso.datetime(), z.null()])
      .describe("`YYYY-MM-DD` for an all-day task, else a UTC date-time; or null."),
    time_zone: z.string().describe("IANA time zone name."),
    tags: z.array(z.string()),
    list_id: z.number().int().positive().nullable(),
    recurrence: z.string().nullable(),
    recurrence_from: recurrenceFromSchema,
    reminders: z.array(z.object({ before_minutes: z.number().int() })),
    completed_at: z.iso
      .datetime()
      .nullable()
      .describe("When the task was completed; null while open."),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "Task" });
export type Task = z.infer<typeof taskSchema>;
