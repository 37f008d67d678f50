"use client";

import { lazy, Suspense, useState } from "react";
import { Button } from "@/components/ui/button";
import { LineIcon } from "@/components/ui/line-icon";
import { ListsNavStandIn } from "./lists-nav-stand-in";

// The sidebar (drag and drop, list actions, next/link) hydrates once its chunk arrives, after the
// page's first load: until then the server's HTML stays, links work as plain links, and the
// new-list form is disabled (new-list-form.tsx), so nothing typed is lost. Should React render
// the boundary afresh first (an update reaching it before the chunk), or the server send it
// before the chunk is loaded there, the stand-in shows the same sidebar, without its actions.
const ListsNav = lazy(() => import("./lists-nav").then(({ ListsNav }) => ({ default: ListsNav })));
const ListsDrawerPanel = lazy(() =>
  import("./lists-drawer-panel").then(({ ListsDrawerPanel }) => ({ default: ListsDrawerPanel })),
);

/** The views and lists beside the tasks, at desktop widths (the page hides it below them). */
export function ListsSidebar({ userId }: { userId: string }) {
  return (
    <Suspense fallback={<ListsNavStandIn userId={userId} />}>
      <ListsNav userId={userId} />
    </Suspense>
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
