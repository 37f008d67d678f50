import { z } from "zod";
import { text } from "./text";

export const LIST_NAME_MAX = 100;
export const LISTS_MAX = 200;

export const listNameSchema = text({ min: 1, max: LIST_NAME_MAX }).describe(
  "Trimmed; 1 to 100 Unicode code points; duplicates allowed.",
);
export const listColorSchema = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, "Must be a colour #rrggbb")
  .nullable()
  .describe("`#rrggbb`, or null.");
export const listPositionSchema = z
  .number()
  .int()
  .nonnegative()
  .describe("0-based place among the user's lists.");

/** A list as served (contract section 10). */
export const listSchema = z
  .object({
    id: z.number().int().positive(),
    user_id: z.string(),
    name: z.string(),
    color: z.string().nullable(),
    position: z.number().int().nonnegative(),
    task_count: z.number().int().nonnegative().describe("The list's tasks that are not completed."),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "List" });
export type List = z.infer<typeof listSchema>;
