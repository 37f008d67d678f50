import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { loadAccount } from "@/features/account/api/load-account";
import { SettingsPage } from "@/features/account/components/settings-page";
import { NotificationBell } from "@/features/notifications/components/notification-bell";
import { NotificationPreferences } from "@/features/notifications/components/notification-preferences";
import { getEnv } from "@/lib/env";
import { authPagePath } from "@/lib/next-path";

export const metadata: Metadata = { title: "Settings" };

/** The authoritative session check (proxy.ts only looks for the cookie). */
export default async function Settings() {
  const account = await loadAccount();
  if (!account) redirect(authPagePath("/sign-in", "/settings"));
  // The API address is read per request, so one build serves any API address.
  return (
    <SettingsPage
      account={account}
      apiUrl={getEnv().API_URL}
      bell={<NotificationBell userId={account.id} />}
      notifications={<NotificationPreferences userId={account.id} />}
    />
  );
}
