// zod/mini: these schemas run in the browser on the sign-in and sign-up pages, where every
// kilobyte of script counts; the rules are the ones Better Auth enforces on the server.
import * as z from "zod/mini";

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export const NAME_MAX = 100;
export const EMAIL_MAX = 254;

const email = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, "Enter your email address"),
    z.maxLength(EMAIL_MAX, `At most ${EMAIL_MAX} characters`),
    z.email("Enter a valid email address, like name@example.com"),
  );

export const signInSchema = z.object({
  email,
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
  name: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, "Enter your name"),
      z.maxLength(NAME_MAX, `At most ${NAME_MAX} characters`),
    ),
  email,
  password: newPassword,
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const forgotPasswordSchema = z.object({ email });
export type ForgotPasswordInput = z.infer<typeof forgotPasswordSchema>;

export const resetPasswordSchema = z.object({ password: newPassword });
export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;
