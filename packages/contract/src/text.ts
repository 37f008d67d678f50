import { z } from "zod";

/** C0 control characters (U+0000–U+001F); `description` may keep tab, LF and CR. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL_CHARACTERS = /[\u0000-\u001F]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL_CHARACTERS_EXCEPT_WHITESPACE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

/** Length in Unicode code points, not UTF-16 units, so an emoji counts as one character. */
export function codePointLength(value: string): number {
  let length = 0;
  for (const _ of value) length++;
  return length;
}

interface TextOptions {
  min: number;
  max: number;
  /** Keep tab, line feed and carriage return (multi-line text). */
  multiline?: boolean;
}

/**
 * A string that is trimmed first, then measured in code points and checked for
 * control characters; every user-typed text field of the contract is one of these.
 */
export function text({ min, max, multiline = false }: TextOptions) {
  const forbidden = multiline ? CONTROL_CHARACTERS_EXCEPT_WHITESPACE : CONTROL_CHARACTERS;
  return z
    .string()
    .trim()
    .refine((value) => codePointLength(value) >= min, {
      message: min === 1 ? "Must not be empty" : `Must be at least ${min} characters`,
      abort: true,
    })
    .refine((value) => codePointLength(value) <= max, {
      message: `Must be at most ${max} characters`,
      abort: true,
    })
    .refine((value) => !forbidden.test(value), { message: "Must not contain control characters" })
    .meta({ minLength: min, maxLength: max });
}
