import type { Metadata } from "next";
import Link from "next/link";
import { buttonClassName } from "@/components/ui/button";

export const metadata: Metadata = { title: "Account deleted" };

/** Where the browser lands after deleting its account, signed out. */
export default function AccountDeleted() {
  return (
    <main
      id="main"
      className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-4 px-4 text-center"
    >
      <h1 className="text-2xl font-semibold">Your account has been deleted</h1>
      <p className="text-muted-foreground">
        Your lists and tasks are gone, and you have been signed out on every device.
      </p>
      <Link href="/sign-up" className={buttonClassName("secondary")}>
        Create a new account
      </Link>
    </main>
  );
}
