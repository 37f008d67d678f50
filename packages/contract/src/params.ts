import { z } from "zod";

/** `{user_id}`: the owner's `sub` (checked against the token before validation runs). */
export const userIdSchema = z
  .string()
  .min(1)
  .max(255)
  .describe("The signed-in user's id: it must equal the token's `sub`, else the answer is a 403.");

/**
 * `{id}` of a task, list, notification or push subscription: a positive decimal integer. A
 * well-formed id too large to name anything is still valid here (the API answers 404), so the
 * output is a number that may be unsafe.
 */
export const resourceIdSchema = z
  .string()
  .regex(/^[0-9]+$/, "Must be a positive whole number")
  .refine((value) => /[1-9]/.test(value), "Must be a positive whole number")
  .transform(Number)
  .meta({ type: "integer", minimum: 1 });

/** `/api/{user_id}/…`. */
export const userParamsSchema = z.object({ user_id: userIdSchema });
/** `/api/{user_id}/<resources>/{id}`. */
export const resourceParamsSchema = z.object({ user_id: userIdSchema, id: resourceIdSchema });
