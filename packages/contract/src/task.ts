import { z } from "zod";
import { text } from "./text";

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 1000;
export const TAG_MAX = 32;
export const TAGS_MAX = 10;

export const PRIORITIES = ["low", "medium", "high"] as const;
export const prioritySchema = z.enum(PRIORITIES);
export type Priority = z.infer<typeof prioritySchema>;

export const titleSchema = text({ min: 1, max: TITLE_MAX }).describe(
  "Trimmed; 1 to 200 Unicode code points.",
);
export const descriptionSchema = text({ min: 0, max: DESCRIPTION_MAX, multiline: true })
  .nullable()
  .describe("At most 1000 characters; tab, line feed and carriage return allowed.");

/** RFC 3339 date-time with `Z` or a numeric offset; normalised to UTC. */
/**
 * Four-digit years in UTC: PostgreSQL has no year 0, years past 9999 do not round-trip, and
 * the database driver reads a year below 100 back as 19xx/20xx.
 */
const DUE_DATE_RANGE = { min: Date.UTC(1000, 0, 1), max: Date.UTC(10_000, 0, 1) - 1 };

export const dueDateSchema = z.iso
  .datetime({ offset: true })
  .refine((value) => !Number.isNaN(Date.parse(value)), { message: "Invalid date", abort: true })
  .refine(
    (value) => Date.parse(value) >= DUE_DATE_RANGE.min && Date.parse(value) <= DUE_DATE_RANGE.max,
    { message: "Must be between the years 1000 and 9999 (UTC)" },
  )
  .transform((value) => new Date(value).toISOString())
  .nullable()
  .describe("RFC 3339 date-time with an offset, years 1000 to 9999 in UTC; returned in UTC.");

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

const writableFields = {
  title: titleSchema,
  description: descriptionSchema,
  completed: z.boolean(),
  priority: prioritySchema,
  due_date: dueDateSchema,
  tags: tagsSchema,
};

export const createTaskSchema = z
  .strictObject({
    title: writableFields.title,
    description: writableFields.description.default(null),
    completed: writableFields.completed.default(false),
    priority: writableFields.priority.default("medium"),
    due_date: writableFields.due_date.default(null),
    tags: writableFields.tags.default([]),
  })
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
    tags: writableFields.tags.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: "Give at least one field" })
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
    due_date: z.iso.datetime().nullable(),
    tags: z.array(z.string()),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "Task" });
export type Task = z.infer<typeof taskSchema>;
