"use client";

import { Alert } from "@/components/ui/alert";
import { buttonClassName } from "@/components/ui/button";
import { authPagePath } from "@/lib/next-path";

/**
 * Shown instead of leaving the page when the session ends (signed out in another tab, ended
 * from another device): what was typed stays on screen and in the tab's storage, and signing in
 * comes back here, or to `next`. A plain link, not next/link: the notice is part of the page's
 * first load, small, and needs no chunk that a redeploy since the page loaded may have removed;
 * a full page load of sign-in also picks up that new build.
 */
export function SessionEndedNotice({
  next = `${window.location.pathname}${window.location.search}`,
}: {
  next?: string;
}) {
  return (
    <Alert
      title="Your session ended — sign in again"
      className="sticky top-2 z-10"
      action={
        <a href={authPagePath("/sign-in", next)} className={buttonClassName("primary", "sm")}>
          Sign in
        </a>
      }
    >
      What you were typing is kept and will be here after you sign in.
    </Alert>
  );
}
