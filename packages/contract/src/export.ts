import { z } from "zod";
import { LISTS_MAX, listColorSchema, listNameSchema, listPositionSchema, listSchema } from "./list";
import { createTaskSchema, taskSchema } from "./task";

export const EXPORT_FORMAT = "todo-export";
export const EXPORT_VERSION = 2;
/** docs/api.md, Import: the bounds of one import. */
export const IMPORT_BYTES_MAX = 5 * 1024 * 1024;
export const IMPORT_TASKS_MAX = 10_000;

export const exportQuerySchema = z.object({
  format: z
    .enum(["json", "csv"])
    .default("json")
    .describe("`json` (default): the whole export; `csv`: one task a row."),
});

/** `GET /api/{user_id}/export`: every list and every task of the user. */
export const exportSchema = z
  .object({
    format: z.literal(EXPORT_FORMAT),
    version: z.literal(EXPORT_VERSION),
    exported_at: z.iso.datetime(),
    user_id: z.string(),
    lists: z.array(listSchema),
    tasks: z.array(taskSchema),
  })
  .meta({ id: "Export" });
export type Export = z.infer<typeof exportSchema>;

/** Timestamps kept from the export; any offset is accepted and stored as the same moment. */
const keptTimestamp = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

/** A list of an export, as imported: its `id` only links its tasks to it. */
export const importListSchema = z.strictObject({
  id: z.number().int().positive(),
  name: listNameSchema,
  color: listColorSchema.default(null),
  position: listPositionSchema.optional(),
  user_id: z.string().optional(),
  task_count: z.number().int().nonnegative().optional(),
  created_at: keptTimestamp.optional(),
  updated_at: keptTimestamp.optional(),
});
export type ImportedList = z.output<typeof importListSchema>;

/**
 * A task of an export, as imported: the fields a create accepts, validated the same way, plus
 * those the server sets (kept, except `id` and `user_id`), and `list_id` naming a list of the
 * same export.
 */
export const importTaskSchema = createTaskSchema.safeExtend({
  id: z.number().int().positive(),
  user_id: z.string().optional(),
  list_id: z
    .number()
    .int()
    .positive()
    .nullable()
    .default(null)
    .describe("The `id` of one of the export's lists, or null (the Inbox)."),
  completed_at: keptTimestamp.nullable().optional(),
  created_at: keptTimestamp.optional(),
  updated_at: keptTimestamp.optional(),
});
export type ImportedTask = z.output<typeof importTaskSchema>;

/** `POST /api/{user_id}/import`: a version 2 export; its `user_id` is ignored. */
export const importSchema = z
  .strictObject({
    format: z.literal(EXPORT_FORMAT),
    version: z.literal(EXPORT_VERSION),
    exported_at: z.string().optional(),
    user_id: z.string().optional(),
    lists: z.array(importListSchema).max(LISTS_MAX, `At most ${LISTS_MAX} lists`),
    tasks: z
      .array(importTaskSchema)
      .max(IMPORT_TASKS_MAX, `At most ${IMPORT_TASKS_MAX.toLocaleString("en")} tasks`),
  })
  .superRefine((body, context) => {
    const listIds = new Set<number>();
    body.lists.forEach((list, index) => {
      if (listIds.has(list.id)) {
        context.addIssue({ code: "custom", path: ["lists", index, "id"], message: "Duplicate id" });
      }
      listIds.add(list.id);
    });
    body.tasks.forEach((task, index) => {
      if (task.list_id !== null && !listIds.has(task.list_id)) {
        context.addIssue({
          code: "custom",
          path: ["tasks", index, "list_id"],
          message: "Names no list of this export",
        });
      }
    });
  })
  .describe(
    `A version 2 export: at most ${IMPORT_BYTES_MAX / 1024 / 1024} MiB and ` +
      `${IMPORT_TASKS_MAX.toLocaleString("en")} tasks; imported all or nothing.`,
  );
export type ImportDocument = z.output<typeof importSchema>;

export const importResultSchema = z
  .object({
    lists: z.number().int().nonnegative().describe("Lists created."),
    tasks: z.number().int().nonnegative().describe("Tasks created."),
  })
  .meta({ id: "ImportResult" });
export type ImportResult = z.infer<typeof importResultSchema>;
