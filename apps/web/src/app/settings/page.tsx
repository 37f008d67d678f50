import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { loadAccount } from "@/features/account/api/load-account";
import { SettingsPage } from "@/features/account/components/settings-page";
import { authPagePath } from "@/lib/next-path";

export const metadata: Metadata = { title: "Settings" };

/** The authoritative session check (proxy.ts only looks for the cookie). */
export default async function Settings() {
  const account = await loadAccount();
  if (!account) redirect(authPagePath("/sign-in", "/settings"));
  return <SettingsPage account={account} />;
}
