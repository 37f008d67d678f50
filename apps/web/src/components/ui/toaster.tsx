"use client";

import { lazy, Suspense } from "react";
import type { ExternalToast } from "sonner";
import { importOrReload } from "@/lib/new-build-reload";
import { useHydrated } from "@/lib/use-hydrated";

// Toasts only ever follow a user action, so sonner is fetched after the page is interactive
// instead of weighing on its first load.
const loadSonner = () => import("sonner");
const SonnerToaster = lazy(() => loadSonner().then(({ Toaster }) => ({ default: Toaster })));

/** Mount once per page; it renders nothing on the server and loads after hydration. */
export function Toaster() {
  if (!useHydrated()) return null;
  return (
    <Suspense fallback={null}>
      <SonnerToaster
        theme="system"
        position="bottom-center"
        duration={3000}
        closeButton
        richColors
      />
    </Suspense>
  );
}

export type ToastKind = "message" | "success" | "error";

/**
 * Toasts sit at the bottom of the window, where the row being worked on may be: it is scrolled
 * up by its `scroll-margin-bottom` (rows reserve room for a toast), so it stays in view.
 */
function keepFocusClearOfToasts(): void {
  const focused = document.activeElement;
  if (!(focused instanceof HTMLElement) || focused === document.body) return;
  (focused.closest("li") ?? focused).scrollIntoView({ block: "nearest" });
}

/**
 * Sonner gives focus back to where it was before a toast was entered, but only once its list
 * re-renders after the toast is gone (200 ms and more later): by then the app may have moved
 * focus on (a delete focuses the next task), and sonner takes it away again. Leaving the toast
 * as it closes makes sonner give focus back at once (its blur handler), and never later.
 */
function leaveClosingToast(): void {
  const focused = document.activeElement;
  if (focused instanceof HTMLElement && focused.closest("[data-sonner-toaster]")) focused.blur();
}

/** Every way a toast closes (its action, its close button, a swipe, its timer) leaves it first. */
function leavingWhenClosed(options: ExternalToast = {}): ExternalToast {
  const { action, onDismiss, onAutoClose } = options;
  return {
    ...options,
    action:
      action && typeof action === "object" && "onClick" in action
        ? {
            ...action,
            onClick: (event) => {
              leaveClosingToast();
              action.onClick(event);
            },
          }
        : action,
    onDismiss: (closed) => {
      leaveClosingToast();
      onDismiss?.(closed);
    },
    onAutoClose: (closed) => {
      leaveClosingToast();
      onAutoClose?.(closed);
    },
  };
}

export function showToast(kind: ToastKind, message: string, options?: ExternalToast): void {
  void importOrReload(loadSonner).then(({ toast }) => {
    if (kind === "message") toast(message, leavingWhenClosed(options));
    else toast[kind](message, leavingWhenClosed(options));
    keepFocusClearOfToasts();
  });
}
