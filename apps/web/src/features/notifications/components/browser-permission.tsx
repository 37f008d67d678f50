"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useNotificationPermission } from "../hooks/use-notification-permission";

const STATE_TEXT = {
  granted: "Allowed: new reminders also show as notifications from this browser.",
  denied:
    "Blocked: this browser won't show them. Allow notifications for this site in the browser's settings to change that.",
  default: "Not allowed yet: reminders show only in the bell.",
  unsupported: "This browser can't show notifications.",
} as const;

/**
 * Browser notifications: what the browser allows, and the one button that asks (never on load).
 * `compact` (the bell's dialog) shows only the button, and only while there is something to ask.
 */
export function BrowserPermission({ compact = false }: { compact?: boolean }) {
  const { permission, request } = useNotificationPermission();
  const [asking, setAsking] = useState(false);

  async function ask() {
    setAsking(true);
    try {
      await request();
    } finally {
      setAsking(false);
    }
  }

  const button =
    permission === "default" ? (
      <Button
        variant="secondary"
        size="sm"
        className="w-fit"
        disabled={asking}
        onClick={() => void ask()}
      >
        Show reminders as browser notifications
      </Button>
    ) : null;
  if (compact) return button;
  return (
    <div className="flex flex-col gap-2">
      <p className="text-sm">{STATE_TEXT[permission]}</p>
      {button}
    </div>
  );
}
