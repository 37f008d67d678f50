import { z } from "zod";
import { prioritySchema, TAG_MAX, taskSchema } from "./task";
import { text } from "./text";

export const TASK_STATUSES = ["all", "pending", "completed"] as const;
export const TASK_SORTS = [
  "created_at",
  "updated_at",
  "due_date",
  "priority",
  "title",
  "completed_at",
] as const;
export const SORT_ORDERS = ["desc", "asc"] as const;
export const LIST_LIMIT_MAX = 100;
export const LIST_LIMIT_DEFAULT = 50;
export const SEARCH_MAX = 200;

export type TaskStatus = (typeof TASK_STATUSES)[number];
export type TaskSort = (typeof TASK_SORTS)[number];
export type SortOrder = (typeof SORT_ORDERS)[number];

const limitSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,2}$/, `Must be a whole number from 1 to ${LIST_LIMIT_MAX}`)
  .transform(Number)
  .refine((limit) => limit <= LIST_LIMIT_MAX, `Must be a whole number from 1 to ${LIST_LIMIT_MAX}`);

const offsetDateTime = z.iso.datetime({ offset: true });

/** One check, so that a bad value gets one message. */
const dueBoundSchema = z
  .string()
  .refine(
    (value) => offsetDateTime.safeParse(value).success && !Number.isNaN(Date.parse(value)),
    "Must be an RFC 3339 date-time with an offset",
  )
  .meta({ format: "date-time" });

/** Query string of `GET /api/{user_id}/tasks`; every value arrives as a string. */
export const listQuerySchema = z.object({
  status: z.enum(TASK_STATUSES).default("all"),
  priority: prioritySchema.optional(),
  tag: text({ min: 1, max: TAG_MAX }).optional().describe("Exact tag, case-insensitive."),
  q: text({ min: 1, max: SEARCH_MAX })
    .optional()
    .describe("Case-insensitive substring of the title or the description."),
  sort: z.enum(TASK_SORTS).default("created_at"),
  order: z.enum(SORT_ORDERS).default("desc"),
  limit: limitSchema
    .default(LIST_LIMIT_DEFAULT)
    .meta({ type: "integer", minimum: 1, maximum: 100 }),
  // A title sort's cursor carries the title encrypted: up to about 1,150 characters.
  list_id: z
    .string()
    .refine(
      (value) =>
        value === "inbox" ||
        (/^[1-9][0-9]{0,15}$/.test(value) && Number.isSafeInteger(Number(value))),
      "Must be the id of one of your lists, or inbox",
    )
    .transform((value) => (value === "inbox" ? ("inbox" as const) : Number(value)))
    .optional()
    .meta({ anyOf: [{ type: "integer", minimum: 1 }, { const: "inbox" }] })
    .describe(
      "The tasks of one of this user's lists (another id is a 422), or `inbox` for the tasks " +
        "in no list.",
    ),
  due_before: dueBoundSchema
    .optional()
    .describe(
      "Tasks due before this moment (exclusive). An all-day task is due at the start of its day " +
        "in its `time_zone`; tasks without a due date never match.",
    ),
  due_after: dueBoundSchema
    .optional()
    .describe(
      "Tasks due at or after this moment (inclusive, so that `due_after` and `due_before` " +
        "split time without gap or overlap).",
    ),
  cursor: z
    .string()
    .min(1)
    .max(2048)
    .optional()
    .describe("The `next_cursor` of the previous page."),
});
export type ListQueryInput = z.input<typeof listQuerySchema>;
export type ListQuery = z.output<typeof listQuerySchema>;

export const taskListSchema = z
  .object({
    items: z.array(taskSchema),
    total: z.number().int().nonnegative().describe("Every task that matches the filters."),
    next_cursor: z.string().nullable(),
  })
  .meta({ id: "TaskList" });
export type TaskList = z.infer<typeof taskListSchema>;
