import Link from "next/link";
import { buttonClassName } from "@/components/ui/button";
import { currentUser } from "@/lib/session";

const FEATURES = [
  {
    title: "Capture quickly",
    text: "Add a task with a title; give it a due date, priority and tags when it helps.",
  },
  {
    title: "Find anything",
    text: "Search, filter by status, priority or tag, and sort the way you think.",
  },
  {
    title: "Yours alone",
    text: "Your tasks are private to your account, on every device you sign in from.",
  },
];

/** Signed in, it offers the way back to your tasks instead of signing up again. */
export default async function LandingPage() {
  const user = await currentUser();
  return (
    <div className="mx-auto flex min-h-dvh w-full max-w-5xl flex-col px-4 sm:px-6">
      <header className="flex items-center justify-between gap-4 py-4">
        <span className="text-xl font-semibold">Todo</span>
        <nav aria-label="Account" className="flex min-w-0 items-center gap-2">
          {user ? (
            <>
              <span className="truncate text-sm text-muted-foreground">
                Signed in as {user.name}
              </span>
              <Link href="/tasks" className={buttonClassName("primary")}>
                Open my tasks
              </Link>
            </>
          ) : (
            <>
              <Link href="/sign-in" className={buttonClassName("ghost")}>
                Sign in
              </Link>
              <Link href="/sign-up" className={buttonClassName("primary")}>
                Get started
              </Link>
            </>
          )}
        </nav>
      </header>
      <main id="main" className="flex flex-1 flex-col justify-center py-12">
        <h1 className="max-w-2xl text-4xl font-bold tracking-tight text-balance sm:text-5xl">
          Everything you need to do, in one calm list.
        </h1>
        <p className="mt-4 max-w-xl text-lg text-muted-foreground">
          A simple, fast task list that works from your phone to your desktop, by keyboard or touch,
          in light or dark.
        </p>
        <div className="mt-8 flex flex-wrap gap-3">
          {user ? (
            <Link href="/tasks" className={buttonClassName("primary", "md", "h-11 px-6 text-base")}>
              Go to my tasks
            </Link>
          ) : (
            <>
              <Link
                href="/sign-up"
                className={buttonClassName("primary", "md", "h-11 px-6 text-base")}
              >
                Create a free account
              </Link>
              <Link
                href="/tasks"
                className={buttonClassName("secondary", "md", "h-11 px-6 text-base")}
              >
                Open my tasks
              </Link>
            </>
          )}
        </div>
        <ul className="mt-16 grid gap-4 sm:grid-cols-3">
          {FEATURES.map((feature) => (
            <li key={feature.title} className="rounded-xl border border-border bg-surface p-5">
              <h2 className="font-semibold">{feature.title}</h2>
              <p className="mt-2 text-sm text-muted-foreground">{feature.text}</p>
            </li>
          ))}
        </ul>
      </main>
      <footer className="py-6 text-sm text-muted-foreground">
        Todo: plan your day, then do it.
      </footer>
    </div>
  );
}
