// zod/mini: these schemas run in the browser on the sign-in and sign-up pages, where every
// kilobyte of script counts. The web server enforces the same rules (Better Auth's bounds and
// its hooks on every user created or updated).
import * as z from "zod/mini";

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export const NAME_MAX = 100;
export const EMAIL_MAX = 254;

/** Trimmed, 1 to 254 characters, an address. */
export const emailSchema = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, "Enter your email address"),
    z.maxLength(EMAIL_MAX, `At most ${EMAIL_MAX} characters`),
    z.email("Enter a valid email address, like name@example.com"),
  );

/** Trimmed, 1 to 100 characters, no control characters (they would reach logs and screens). */
export const nameSchema = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, "Enter your name"),
    z.maxLength(NAME_MAX, `At most ${NAME_MAX} characters`),
    z.regex(/^\P{Cc}*$/u, "Use letters, digits and punctuation only"),
  );

export const signInSchema = z.object({
  email: emailSchema,
  // Any length: an old password that breaks today's rules must still get the generic answer.
  password: z.string().check(z.minLength(1, "Enter your password")),
});
export type SignInInput = z.infer<typeof signInSchema>;

/** A password being chosen: the bounds Better Auth enforces. */
const newPassword = z
  .string()
  .check(
    z.minLength(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters`),
    z.maxLength(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters`),
  );

export const signUpSchema = z.object({
  name: nameSchema,
  email: emailSchema,
  password: newPassword,
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const forgotPasswordSchema = z.object({ email: emailSchema });
export type ForgotPasswordInput = z.infer<typeof forgotPasswordSchema>;

export const resetPasswordSchema = z.object({ password: newPassword });
export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;
