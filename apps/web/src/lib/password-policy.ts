// No `server-only`: the sign-up form's strength meter loads this module too, lazily.
import { dictionary } from "@zxcvbn-ts/language-common";

export const PASSWORD_TOO_COMMON = {
  code: "PASSWORD_TOO_COMMON",
  message: "This password is too common. Choose one that is harder to guess.",
} as const;

let common: Set<string> | undefined;

/**
 * Whether the password is on zxcvbn-ts's list of the most common breached passwords (about
 * 49,000, all lower case), ignoring case.
 */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary["passwords-common"]);
  return common.has(password.toLowerCase());
}
