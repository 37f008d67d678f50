"use client";

import { clsx } from "clsx";
import { Dialog as DialogPrimitive } from "radix-ui";
import { type ComponentProps, type ReactNode, useState } from "react";
import { LineIcon } from "./line-icon";

export const Dialog = DialogPrimitive.Root;
export const DialogClose = DialogPrimitive.Close;

export interface DialogContentProps
  extends Omit<ComponentProps<typeof DialogPrimitive.Content>, "title"> {
  title: ReactNode;
  description?: ReactNode;
  /** Centred, or a drawer along the left edge (navigation on a phone). */
  side?: "center" | "left";
}

/** A modal panel: focus is trapped inside, Escape and the close button dismiss it. */
export function DialogContent({
  title,
  description,
  className,
  children,
  onCloseAutoFocus,
  side = "center",
  ...props
}: DialogContentProps) {
  // Radix returns focus to its own Trigger; a dialog opened from elsewhere (a list row's button)
  // would leave focus on <body>, so remember what had focus when the dialog mounted.
  const [opener] = useState(() =>
    typeof document === "undefined" ? null : document.activeElement,
  );
  return (
    <DialogPrimitive.Portal>
      <DialogPrimitive.Overlay className="fixed inset-0 z-40 bg-black/50" />
      <DialogPrimitive.Content
        className={clsx(
          side === "center"
            ? [
                "top-1/2 left-1/2 max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] max-w-lg",
                "-translate-x-1/2 -translate-y-1/2 rounded-lg border",
              ]
            : "inset-y-0 left-0 w-[min(20rem,calc(100vw-3rem))] border-r",
          "fixed z-50 flex flex-col gap-4 overflow-y-auto",
          "border-border bg-surface p-5 text-foreground shadow-xl focus-visible:outline-none",
          className,
        )}
        // Without a description Radix warns unless told there is none on purpose.
        {...(description ? {} : { "aria-describedby": undefined })}
        {...props}
        onCloseAutoFocus={(event) => {
          onCloseAutoFocus?.(event);
          if (event.defaultPrevented || !(opener instanceof HTMLElement)) return;
          event.preventDefault();
          opener.focus();
        }}
      >
        <div className="flex items-start justify-between gap-4">
          <div className="flex flex-col gap-1">
            <DialogPrimitive.Title className="text-lg font-semibold">{title}</DialogPrimitive.Title>
            {description ? (
              <DialogPrimitive.Description className="text-sm text-muted-foreground">
                {description}
              </DialogPrimitive.Description>
            ) : null}
          </div>
          <DialogPrimitive.Close
            aria-label="Close"
            className="-m-1 rounded-md p-1 text-muted-foreground hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring"
          >
            <LineIcon path="M6 6l12 12M18 6L6 18" />
          </DialogPrimitive.Close>
        </div>
        {children}
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  );
}
