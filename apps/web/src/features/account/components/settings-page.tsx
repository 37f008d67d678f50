import Link from "next/link";
import { UserMenu } from "@/components/user-menu";
import type { Account } from "../api/load-account";
import { EmailSection } from "./email-section";
import { PasskeysSection } from "./passkeys-section";
import { PasswordSection } from "./password-section";
import { ProfileSection } from "./profile-section";
import { SessionsSection } from "./sessions-section";
import { TwoFactorSection } from "./two-factor-section";
import { UserDataSections } from "./user-data-sections";

/** /settings: the signed-in user's profile, sign-in methods, sessions and data. */
export function SettingsPage({ account, apiUrl }: { account: Account; apiUrl: string }) {
  return (
    <div className="mx-auto flex min-h-dvh w-full max-w-3xl flex-col px-4 sm:px-6">
      <header className="flex items-center justify-between gap-4 py-4">
        <Link
          href="/tasks"
          className="rounded-md text-xl font-semibold focus-visible:outline-2 focus-visible:outline-ring"
        >
          Todo
        </Link>
        <UserMenu name={account.name} email={account.email} />
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
        <ProfileSection name={account.name} />
        <EmailSection email={account.email} />
        <PasswordSection />
        <TwoFactorSection enabled={account.twoFactorEnabled} />
        <PasskeysSection passkeys={account.passkeys} />
        <SessionsSection sessions={account.sessions} />
        <UserDataSections
          apiUrl={apiUrl}
          userId={account.id}
          twoFactorEnabled={account.twoFactorEnabled}
        />
      </main>
    </div>
  );
}
