import { z } from "zod";

/** `{user_id}`: the owner's `sub` (checked against the token before validation runs). */
export const userIdSchema = z
  .string()
  .min(1)
  .max(255)
  .describe("The signed-in user's id: it must equal the token's `sub`, else the answer is a 403.");

/**
 * `{id}`: a positive decimal integer. A well-formed id too large to name any task is
 * still valid here (the API answers 404), so the output is a number that may be unsafe.
 */
export const taskIdSchema = z
  .string()
  .regex(/^[0-9]+$/, "Must be a positive whole number")
  .refine((value) => /[1-9]/.test(value), "Must be a positive whole number")
  .transform(Number)
  .meta({ type: "integer", minimum: 1 });

export const taskListParamsSchema = z.object({ user_id: userIdSchema });
export const taskParamsSchema = z.object({ user_id: userIdSchema, id: taskIdSchema });
