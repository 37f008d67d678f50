import Link from "next/link";
import type { ReactNode } from "react";
import { ApiProviders } from "@/components/api-providers";
import { LiveFieldset } from "@/components/ui/live-fieldset";
import { UserMenu } from "@/components/user-menu";
import type { Account } from "../api/load-account";
import { DataSection } from "./data-section";
import { DeleteAccountSection } from "./delete-account-section";
import { EmailSection } from "./email-section";
import { PasskeysSection } from "./passkeys-section";
import { PasswordSection } from "./password-section";
import { ProfileSection } from "./profile-section";
import { SessionsSection } from "./sessions-section";
import { SettingsSection } from "./settings-section";
import { TwoFactorSection } from "./two-factor-section";

export interface SettingsPageProps {
  account: Account;
  /** The API's public origin, passed from the server (no build-time URL in the bundle). */
  apiUrl: string;
  /** The notifications bell, beside the account menu (composed by app/). */
  bell: ReactNode;
  /** The body of the Notifications section (composed by app/). */
  notifications: ReactNode;
}

/** /settings: the signed-in user's profile, sign-in methods, sessions, notifications and data. */
export function SettingsPage({ account, apiUrl, bell, notifications }: SettingsPageProps) {
  return (
    <ApiProviders apiUrl={apiUrl}>
      <div className="mx-auto flex min-h-dvh w-full max-w-3xl flex-col px-4 sm:px-6">
        <header className="flex items-center justify-between gap-4 py-4">
          <Link
            href="/tasks"
            className="rounded-md text-xl font-semibold focus-visible:outline-2 focus-visible:outline-ring"
          >
            Todo
          </Link>
          <div className="flex min-w-0 items-center gap-2">
            {bell}
            <UserMenu userId={account.id} name={account.name} email={account.email} />
          </div>
        </header>
        <main id="main" className="flex flex-col gap-6 pb-16">
          <div className="flex flex-col gap-1">
            <h1 className="text-2xl font-bold tracking-tight">Settings</h1>
            <Link
              href="/tasks"
              className="w-fit text-sm font-medium text-primary underline underline-offset-2"
            >
              Back to tasks
            </Link>
          </div>
          <LiveFieldset className="flex flex-col gap-6">
            <ProfileSection name={account.name} />
            <EmailSection email={account.email} />
            <PasswordSection />
            <TwoFactorSection enabled={account.twoFactorEnabled} />
            <PasskeysSection passkeys={account.passkeys} />
            <SessionsSection sessions={account.sessions} />
            <SettingsSection
              title="Notifications"
              description="How reminders reach you besides the bell."
            >
              {notifications}
            </SettingsSection>
            <DataSection userId={account.id} />
            <DeleteAccountSection userId={account.id} twoFactorEnabled={account.twoFactorEnabled} />
          </LiveFieldset>
        </main>
      </div>
    </ApiProviders>
  );
}
