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
      <SonnerToaster theme="system" position="bottom-center" closeButton richColors />
    </Suspense>
  );
}

export type ToastKind = "message" | "success" | "error";

export function showToast(kind: ToastKind, message: string, options?: ExternalToast): void {
  void loadSonner().then(({ toast }) => {
    if (kind === "message") toast(message, options);
    else toast[kind](message, options);
  });
}
