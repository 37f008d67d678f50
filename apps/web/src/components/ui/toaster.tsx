"use client";

import { lazy, Suspense } from "react";
import type { ExternalToast } from "sonner";
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

export function showToast(kind: ToastKind, message: string, options?: ExternalToast): void {
  void loadSonner().then(({ toast }) => {
    if (kind === "message") toast(message, options);
    else toast[kind](message, options);
    keepFocusClearOfToasts();
  });
}
