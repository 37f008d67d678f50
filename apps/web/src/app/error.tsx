"use client";

import { Button, buttonClassName } from "@/components/ui/button";

/**
 * What a page shows when rendering it failed: a readable message and a way on, never a blank
 * page. The error itself stays on the server (logged there); the browser gets only its digest.
 */
export default function ErrorPage({ retry }: { error: unknown; retry: () => void }) {
  return (
    <main
      id="main"
      className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-4 px-4 text-center"
    >
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="text-muted-foreground" role="alert">
        This page could not be shown. Nothing you saved is lost; try again in a moment.
      </p>
      <div className="flex gap-2">
        <Button onClick={retry}>Try again</Button>
        {/* A plain link: next/link would add its router code to the first load of every page,
            which loads this boundary with it; leaving an error page by a full load is fine. */}
        <a href="/" className={buttonClassName("secondary")}>
          Go to the home page
        </a>
      </div>
    </main>
  );
}
