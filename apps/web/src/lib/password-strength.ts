// Loaded lazily by the password strength meter: zxcvbn and its dictionaries are large.

import { PASSWORD_MIN } from "@todo/contract/auth-forms";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";
import { isCommonPassword } from "./password-policy";

export type PasswordStrength = "too-common" | "too-short" | "weak" | "fair" | "good" | "strong";

let zxcvbn: ZxcvbnFactory | undefined;

/**
 * How guessable a password is. "too-common" and "too-short" are what the server refuses; the
 * other levels are zxcvbn's estimate (score 0–1 weak, 2 fair, 3 good, 4 strong), advice only.
 */
export function passwordStrength(password: string): PasswordStrength {
  if (isCommonPassword(password)) return "too-common";
  if (password.length < PASSWORD_MIN) return "too-short";
  zxcvbn ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  const { score } = zxcvbn.check(password);
  return score <= 1 ? "weak" : score === 2 ? "fair" : score === 3 ? "good" : "strong";
}
