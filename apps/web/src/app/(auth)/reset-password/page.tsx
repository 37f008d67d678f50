import type { Metadata } from "next";
import {
  InvalidResetLink,
  ResetPasswordForm,
} from "@/features/auth/components/reset-password-form";

// The token is in this page's address: no Referer may carry it elsewhere.
export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

/**
 * The emailed link goes through Better Auth's `/api/auth/reset-password/:token`, which checks the
 * token and sends the browser here with `?token=` or with `?error=INVALID_TOKEN`.
 */
export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token, error } = await searchParams;
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Choose a new password</h1>
      {typeof token === "string" && token && !error ? (
        <ResetPasswordForm token={token} />
      ) : (
        <InvalidResetLink />
      )}
    </>
  );
}
