"use client";

import { lazy, Suspense, useState } from "react";
import { Button } from "@/components/ui/button";
import { LineIcon } from "@/components/ui/line-icon";
import { useQueryEngine } from "@/lib/deferred-queries";
import { ListsNavStandIn } from "./lists-nav-stand-in";

// The sidebar (drag and drop, list actions, next/link) needs TanStack Query, which loads after
// the page's first load (ADR 0051), and then its own chunk. Until both are in, a stand-in shows
// the same sidebar from the page's data, without its actions: links work as plain links and the
// new-list form is disabled (new-list-form.tsx), so nothing typed is lost. The server renders
// the stand-in too, so the page lists the lists without JavaScript.
const ListsNav = lazy(() => import("./lists-nav").then(({ ListsNav }) => ({ default: ListsNav })));
const ListsDrawerPanel = lazy(() =>
  import("./lists-drawer-panel").then(({ ListsDrawerPanel }) => ({ default: ListsDrawerPanel })),
);

/** The views and lists beside the tasks, at desktop widths (the page hides it below them). */
export function ListsSidebar({ userId }: { userId: string }) {
  const standIn = <ListsNavStandIn userId={userId} />;
  return useQueryEngine() ? (
    <Suspense fallback={standIn}>
      <ListsNav userId={userId} />
    </Suspense>
  ) : (
    standIn
  );
}

/** The same in a drawer from the left, behind a button, on a phone. */
export function ListsDrawer({ userId }: { userId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant="ghost"
        size="icon"
        aria-label="Views and lists"
        aria-haspopup="dialog"
        // The drawer's lists need TanStack Query, which loads after the page (ADR 0051).
        disabled={!useQueryEngine()}
        onClick={() => setOpen(true)}
      >
        {/* Three lines: a menu. */}
        <LineIcon path="M4 6h16M4 12h16M4 18h16" />
      </Button>
      {open ? (
        <Suspense fallback={null}>
          <ListsDrawerPanel userId={userId} onClose={() => setOpen(false)} />
        </Suspense>
      ) : null}
    </>
  );
}
