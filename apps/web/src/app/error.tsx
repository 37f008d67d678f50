"use client";

import { useEffect, useState } from "react";
import { Button, buttonClassName } from "@/components/ui/button";
import { isChunkLoadError, reloadForNewBuild } from "@/lib/new-build-reload";

const pageClassName =
  "mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-4 px-4 text-center";

/**
 * What a page shows when rendering it failed: a readable message and a way on, never a blank
 * page. The error itself stays on the server (logged there); the browser gets only its digest.
 * A part of the page that failed to load (after a redeploy its chunk is gone) reloads the page
 * once instead: "Try again" would only fail again, as React keeps the failed import.
 */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const chunkFailed = isChunkLoadError(error);
  const [reloading, setReloading] = useState(chunkFailed);
  useEffect(() => {
    if (chunkFailed) setReloading(reloadForNewBuild());
  }, [chunkFailed]);

  if (reloading) {
    return (
      <main id="main" className={pageClassName}>
        <p className="text-muted-foreground" role="status">
          Loading the latest version of this page…
        </p>
      </main>
    );
  }
  return (
    <main id="main" className={pageClassName}>
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="text-muted-foreground" role="alert">
        {chunkFailed
          ? "Part of this page could not be loaded: the app may have just been updated, or the connection dropped. Nothing you saved is lost; reload the page to try again."
          : "This page could not be shown. Nothing you saved is lost; try again in a moment."}
      </p>
      <div className="flex gap-2">
        {chunkFailed ? (
          <Button onClick={() => window.location.reload()}>Reload the page</Button>
        ) : (
          <Button onClick={retry}>Try again</Button>
        )}
        {/* A plain link: next/link would add its router code to the first load of every page,
            which loads this boundary with it; leaving an error page by a full load is fine. */}
        <a href="/" className={buttonClassName("secondary")}>
          Go to the home page
        </a>
      </div>
    </main>
  );
}
