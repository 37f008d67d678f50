"use client";

import { Fragment } from "react";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { SHORTCUTS } from "../hooks/keyboard-shortcuts";

/** The board's keyboard shortcuts, read from the same table that binds them. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent
        title="Keyboard shortcuts"
        description="Not while typing in a field. Letters are typed without Shift."
      >
        <dl className="grid grid-cols-[auto_1fr] items-center gap-x-4 gap-y-2 text-sm">
          {SHORTCUTS.map(({ keys, does }) => (
            <Fragment key={keys.join(" ")}>
              <dt className="flex gap-1">
                {keys.map((key, index) => (
                  <Fragment key={key}>
                    {index > 0 ? <span className="text-muted-foreground">then</span> : null}
                    <kbd className="rounded border border-border bg-muted px-1.5 font-mono text-xs">
                      {key}
                    </kbd>
                  </Fragment>
                ))}
              </dt>
              <dd>{does}</dd>
            </Fragment>
          ))}
        </dl>
      </DialogContent>
    </Dialog>
  );
}
