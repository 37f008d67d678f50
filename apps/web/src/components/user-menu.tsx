"use client";

import Link from "next/link";
import { DropdownMenu } from "radix-ui";
import { useState } from "react";
import { useApiClient } from "@/lib/api-client-context";
import { useHydrated } from "@/lib/use-hydrated";
import { dropPushOnSignOut } from "@/lib/web-push";

export interface UserMenuProps {
  userId: string;
  name: string;
  email: string;
}

const itemClassName =
  "flex cursor-default items-center rounded-sm px-2 py-2 text-sm outline-none select-none data-highlighted:bg-muted data-disabled:opacity-50";

/** The signed-in user's name, opening a menu with their email, "Settings" and "Sign out". */
export function UserMenu({ userId, name, email }: UserMenuProps) {
  const client = useApiClient();
  const [signingOut, setSigningOut] = useState(false);
  // Served disabled (live-fieldset.tsx): a click before hydration would open nothing.
  const hydrated = useHydrated();

  async function signOut() {
    setSigningOut(true);
    // While the session still lets the API be told: this browser stops getting the reminders.
    await dropPushOnSignOut(client, userId);
    // Whatever the answer, leave: a full load drops every in-memory token and cache.
    await fetch("/api/auth/sign-out", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    }).catch(() => {});
    window.location.assign("/sign-in");
  }

  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        disabled={!hydrated}
        className="inline-flex h-10 max-w-48 items-center gap-2 rounded-full border border-border bg-surface pr-3 pl-1 text-sm hover:bg-muted focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring disabled:opacity-50"
      >
        <span
          aria-hidden="true"
          className="grid size-8 shrink-0 place-items-center rounded-full bg-primary font-semibold text-primary-foreground"
        >
          {name.trim().charAt(0).toUpperCase() || "?"}
        </span>
        <span className="truncate">{name}</span>
        <span className="sr-only">, account menu</span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={6}
          className="z-50 min-w-56 rounded-md border border-border bg-surface p-1 text-foreground shadow-lg"
        >
          <DropdownMenu.Label className="px-2 py-1.5">
            <span className="block truncate text-sm font-medium">{name}</span>
            <span className="block truncate text-xs text-muted-foreground">{email}</span>
          </DropdownMenu.Label>
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          <DropdownMenu.Item asChild className={itemClassName}>
            <Link href="/settings">Settings</Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item
            className={itemClassName}
            disabled={signingOut}
            onSelect={(event) => {
              event.preventDefault();
              void signOut();
            }}
          >
            {signingOut ? "Signing out…" : "Sign out"}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
