import { z } from "zod";
import { text } from "./text";

export const LIST_NAME_MAX = 100;
/** At most this many lists a user; the next create is a 409 (docs/api.md, Lists). */
export const LISTS_MAX = 200;

export const listNameSchema = text({ min: 1, max: LIST_NAME_MAX }).describe(
  "Trimmed; 1 to 100 Unicode code points; duplicates allowed.",
);

export const listColorSchema = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, "Must be a color #rrggbb")
  .nullable()
  .describe("`#rrggbb`, returned as sent, or null.");

export const listPositionSchema = z
  .number()
  .int("Must be a whole number")
  .min(0, "Must be 0 or more")
  .max(2_147_483_647, "Must be a whole number from 0")
  .describe(
    "0-based place among the user's lists. A position past the end places the list last; " +
      "the other lists shift so that positions stay 0..n-1.",
  );

export const createListSchema = z
  .strictObject({
    name: listNameSchema,
    color: listColorSchema.default(null),
    position: listPositionSchema.optional(),
  })
  .describe("A new list, last unless `position` is given. Unknown keys are rejected.");
export type CreateListInput = z.input<typeof createListSchema>;
export type NewList = z.output<typeof createListSchema>;

export const updateListSchema = z
  .strictObject({
    name: listNameSchema.optional(),
    color: listColorSchema.optional(),
    position: listPositionSchema.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: "Give at least one field" })
  .describe("A non-empty subset of `name`, `color`, `position`; only those change.");
export type UpdateListInput = z.input<typeof updateListSchema>;
export type ListChanges = z.output<typeof updateListSchema>;

/** A list as served (docs/api.md, Lists). */
export const listSchema = z
  .object({
    id: z.number().int().positive(),
    user_id: z.string(),
    name: z.string(),
    color: z.string().nullable(),
    position: z.number().int().nonnegative(),
    task_count: z.number().int().nonnegative().describe("Tasks of this list not completed."),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "List" });
export type List = z.infer<typeof listSchema>;

export const listCollectionSchema = z
  .object({ items: z.array(listSchema).describe("Ordered by `position`, then `id`.") })
  .meta({ id: "ListCollection" });
export type ListCollection = z.infer<typeof listCollectionSchema>;
