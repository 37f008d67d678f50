import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { TwoFactorForm } from "@/components/two-factor-form";
import { authPagePath, safeNextPath } from "@/lib/next-path";
import { currentUser } from "@/lib/session";
import type { AuthPageProps } from "../../auth-page";

export const metadata: Metadata = { title: "Two-factor authentication" };

/** After a correct password, when the account has two-factor on (see auth-form.tsx). */
export default async function TwoFactorPage({ searchParams }: AuthPageProps) {
  const next = safeNextPath((await searchParams).next);
  if (await currentUser()) redirect(next);
  return (
    <>
      <h1 className="text-2xl font-semibold">Two-factor authentication</h1>
      <p className="mt-1 mb-6 text-sm text-muted-foreground">
        One more step to finish signing in. Not you?{" "}
        <Link
          href={authPagePath("/sign-in", next)}
          className="font-medium text-primary underline underline-offset-2"
        >
          Start again
        </Link>
      </p>
      <TwoFactorForm next={next} />
    </>
  );
}
