import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { buttonClassName } from "@/components/ui/button";
import { LINK_ALREADY_USED } from "@/lib/account-mail";
import { currentUser } from "@/lib/session";

export const metadata: Metadata = { title: "Confirm your email address" };

/** Better Auth's error codes for a verification link, and ours for one used twice. */
const FAILURES: Record<string, { title: string; text: string }> = {
  TOKEN_EXPIRED: {
    title: "This link has expired.",
    text: "Confirmation links work for 24 hours. Ask for a new one: sign in, or use the button on your tasks page.",
  },
  [LINK_ALREADY_USED]: {
    title: "This link was already used.",
    text: "Each confirmation link works once. If your address is confirmed, just sign in.",
  },
};
const INVALID = {
  title: "This link is not valid.",
  text: "Check that you opened the whole link from the email, or ask for a new one.",
};

/**
 * Where the emailed link lands after Better Auth's `/api/auth/verify-email` has checked it:
 * `?status=verified` (or `email-changed` for a new address), with `&error=CODE` when it failed.
 */
export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { status, error } = await searchParams;
  const user = await currentUser();
  const next = user
    ? { href: "/tasks", label: "Go to your tasks" }
    : { href: "/sign-in", label: "Sign in" };
  const failure = error ? (FAILURES[String(error)] ?? INVALID) : null;
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Confirm your email address</h1>
      {failure ? (
        <Alert title={failure.title}>{failure.text}</Alert>
      ) : status === "email-changed" ? (
        <Alert variant="info" title="Your email address is changed.">
          From now on, sign in with your new address.
        </Alert>
      ) : status === "verified" ? (
        <Alert variant="info" title="Your email address is confirmed.">
          Thank you. Your account is ready.
        </Alert>
      ) : (
        <p className="text-sm">Open the link in the email we sent you to confirm your address.</p>
      )}
      <Link href={next.href} className={buttonClassName("primary", "md", "mt-6 w-full")}>
        {next.label}
      </Link>
    </>
  );
}
