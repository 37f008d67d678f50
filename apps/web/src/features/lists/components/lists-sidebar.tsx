"use client";

import { lazy, Suspense, useState } from "react";
import { Button } from "@/components/ui/button";
import { LineIcon } from "@/components/ui/line-icon";
import { ListsNav } from "./lists-nav";

const ListsDrawerPanel = lazy(() =>
  import("./lists-drawer-panel").then(({ ListsDrawerPanel }) => ({ default: ListsDrawerPanel })),
);

/** The views and lists beside the tasks, at desktop widths (the page hides it below them). */
export function ListsSidebar({ userId }: { userId: string }) {
  return <ListsNav userId={userId} />;
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
