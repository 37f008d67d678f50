import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthForm } from "@/components/auth-form";
import { PasskeySignIn } from "@/components/passkey-sign-in";
import { authPagePath, DEFAULT_AFTER_SIGN_IN, safeNextPath } from "@/lib/next-path";
import { currentUser } from "@/lib/session";

export interface AuthPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const PAGES = {
  "sign-in": {
    title: "Sign in",
    other: { prompt: "New here?", label: "Create an account", path: "/sign-up" },
  },
  "sign-up": {
    title: "Create your account",
    other: { prompt: "Already have an account?", label: "Sign in", path: "/sign-in" },
  },
} as const;

/** Sign-in and sign-up share one shape: a signed-in visitor goes straight on to `next`. */
export async function AuthPage({
  mode,
  searchParams,
}: AuthPageProps & { mode: keyof typeof PAGES }) {
  const next = safeNextPath((await searchParams).next);
  if (await currentUser()) redirect(next);
  const page = PAGES[mode];
  const otherHref =
    next === DEFAULT_AFTER_SIGN_IN ? page.other.path : authPagePath(page.other.path, next);
  return (
    <>
      <h1 className="text-2xl font-semibold">{page.title}</h1>
      <p className="mt-1 mb-6 text-sm text-muted-foreground">
        {page.other.prompt}{" "}
        <Link href={otherHref} className="font-medium text-primary underline underline-offset-2">
          {page.other.label}
        </Link>
      </p>
      <AuthForm mode={mode} next={next} />
      {mode === "sign-in" ? (
        <>
          <p className="my-4 flex items-center gap-3 text-xs text-muted-foreground before:h-px before:flex-1 before:bg-border after:h-px after:flex-1 after:bg-border">
            or
          </p>
          <PasskeySignIn next={next} />
          <p className="mt-4 text-center text-sm">
            <Link href="/forgot-password" className="text-primary underline underline-offset-2">
              Forgot your password?
            </Link>
          </p>
        </>
      ) : null}
    </>
  );
}
