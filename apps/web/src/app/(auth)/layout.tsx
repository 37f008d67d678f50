import Link from "next/link";
import type { ReactNode } from "react";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="flex min-h-dvh flex-col items-center justify-center px-4 py-10">
      <Link
        href="/"
        className="mb-6 rounded-md text-xl font-semibold focus-visible:outline-2 focus-visible:outline-ring"
      >
        Todo
      </Link>
      <div className="w-full max-w-sm rounded-xl border border-border bg-surface p-6 shadow-sm">
        {children}
      </div>
    </main>
  );
}
