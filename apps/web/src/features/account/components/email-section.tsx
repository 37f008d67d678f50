import { SettingsSection } from "./settings-section";

/** The sign-in email. Changing it (with a confirmation by mail) will live in this section. */
export function EmailSection({ email }: { email: string }) {
  return (
    <SettingsSection title="Email" description="The address you sign in with.">
      <p className="text-sm font-medium break-all" data-testid="current-email">
        {email}
      </p>
    </SettingsSection>
  );
}
