import { emailSchema, nameSchema } from "@todo/contract/auth-forms";
import { APIError } from "better-auth/api";

const RULES = [
  { field: "name", schema: nameSchema, code: "INVALID_NAME" },
  { field: "email", schema: emailSchema, code: "INVALID_EMAIL" },
] as const;

/**
 * The name and email of a user being created or updated, checked with the sign-up form's rules
 * (trimmed, bounded, an address) so that no endpoint stores what the form would refuse. Fields
 * absent from an update stay absent. Throws a 400 naming the first rule broken.
 */
export function checkedUserFields(fields: Record<string, unknown>): {
  name?: string;
  email?: string;
} {
  const checked: { name?: string; email?: string } = {};
  for (const { field, schema, code } of RULES) {
    if (fields[field] === undefined) continue;
    const result = schema.safeParse(fields[field]);
    if (!result.success) {
      const message = result.error.issues[0]?.message ?? `Invalid ${field}`;
      throw new APIError("BAD_REQUEST", { code, message: `${field}: ${message}` });
    }
    checked[field] = result.data;
  }
  return checked;
}
