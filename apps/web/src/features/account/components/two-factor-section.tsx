"use client";

import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { authErrorMessage, authRequest } from "@/lib/auth-request";
import { credentialsErrorMessage, formText } from "../credentials";
import { useAccountAction } from "../hooks/use-account-action";
import { BackupCodes } from "./backup-codes";
import { CurrentPasswordField, TwoFactorCodeField } from "./credential-fields";
import { FormActions } from "./form-actions";
import { QrCode } from "./qr-code";
import { SettingsSection } from "./settings-section";

type Enrolment =
  | { step: "idle" }
  | { step: "password" }
  | { step: "scan"; totpURI: string; backupCodes: string[] }
  | { step: "saved"; backupCodes: string[] };

/** The key in the otpauth:// URI, in groups of four for typing into an app by hand. */
function setupKey(totpURI: string): string {
  const secret = new URL(totpURI).searchParams.get("secret") ?? "";
  return secret.match(/.{1,4}/g)?.join(" ") ?? secret;
}

/** TOTP two-factor: set up (password, scan, confirm a code, save backup codes) or turn off. */
export function TwoFactorSection({ enabled }: { enabled: boolean }) {
  const [enrolment, setEnrolment] = useState<Enrolment>({ step: "idle" });
  // The backup codes stay on screen after the page's data has turned "on".
  const showSetup = !enabled || enrolment.step === "saved";
  return (
    <SettingsSection
      title="Two-factor authentication"
      description="After your password, signing in also asks for a code from an authenticator app."
    >
      <p className="text-sm font-medium">Status: {enabled ? "On" : "Off"}</p>
      {showSetup ? (
        <TwoFactorSetup enrolment={enrolment} onChange={setEnrolment} />
      ) : (
        <TwoFactorDisable />
      )}
    </SettingsSection>
  );
}

function TwoFactorSetup({
  enrolment,
  onChange,
}: {
  enrolment: Enrolment;
  onChange: (next: Enrolment) => void;
}) {
  const { pending, error, setError, run } = useAccountAction();

  const cancel = () => {
    setError(null);
    onChange({ step: "idle" });
  };

  async function start(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = formText(event.currentTarget, "password");
    if (!password) return setError("Enter your password");
    await run(
      async () => {
        const { data, error } = await authRequest<{ totpURI: string; backupCodes: string[] }>(
          "/two-factor/enable",
          { password },
        );
        if (error?.code === "INVALID_PASSWORD") return "The password is incorrect.";
        if (!data) return authErrorMessage(error);
        onChange({ step: "scan", totpURI: data.totpURI, backupCodes: data.backupCodes });
        return null;
      },
      { refresh: false },
    );
  }

  async function confirm(event: FormEvent<HTMLFormElement>, backupCodes: string[]) {
    event.preventDefault();
    const code = formText(event.currentTarget, "code");
    if (!/^\d{6}$/.test(code)) return setError("Enter the 6-digit code your app shows");
    await run(async () => {
      const { error } = await authRequest("/two-factor/verify-totp", { code });
      if (error?.code === "INVALID_CODE") {
        return "That code is not right. Check the app and enter the code it shows now.";
      }
      if (error) return authErrorMessage(error);
      onChange({ step: "saved", backupCodes });
      return null;
    });
  }

  const confirmActions = (label: string) => (
    <FormActions pending={pending} label={label} pendingLabel="Checking…">
      <Button variant="ghost" onClick={cancel}>
        Cancel
      </Button>
    </FormActions>
  );

  switch (enrolment.step) {
    case "idle":
      return (
        <div>
          <Button onClick={() => onChange({ step: "password" })}>
            Set up two-factor authentication
          </Button>
        </div>
      );
    case "password":
      return (
        <form noValidate onSubmit={start} className="flex flex-col gap-4">
          <CurrentPasswordField
            label="Confirm your password"
            error={error ?? undefined}
            autoFocus
          />
          {confirmActions("Continue")}
        </form>
      );
    case "scan":
      return (
        <form
          noValidate
          onSubmit={(event) => void confirm(event, enrolment.backupCodes)}
          className="flex flex-col gap-4"
        >
          <ol className="flex list-decimal flex-col gap-2 pl-5 text-sm">
            <li>
              Scan this QR code with an authenticator app (for example 2FAS, Aegis, 1Password or
              Google Authenticator).
            </li>
            <li>Enter the 6-digit code that the app shows.</li>
          </ol>
          <QrCode value={enrolment.totpURI} label="QR code to add Todo to an authenticator app" />
          <div className="flex flex-col gap-1 text-sm">
            <span>Can't scan it? Enter this setup key in the app instead:</span>
            <code data-testid="totp-setup-key" className="font-mono text-base break-all">
              {setupKey(enrolment.totpURI)}
            </code>
          </div>
          <FormField label="Code from the app" error={error ?? undefined}>
            {(control) => (
              <Input
                {...control}
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                className="max-w-40"
              />
            )}
          </FormField>
          {confirmActions("Turn on")}
        </form>
      );
    case "saved":
      return <SavedBackupCodes codes={enrolment.backupCodes} onDone={cancel} />;
  }
}

function SavedBackupCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <div className="flex flex-col gap-4">
      <Alert variant="info" title="Two-factor authentication is on" />
      <BackupCodes codes={codes} />
      <div>
        <Button onClick={onDone}>Done</Button>
      </div>
    </div>
  );
}

function TwoFactorDisable() {
  const { pending, error, run } = useAccountAction();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const password = formText(form, "password");
    const code = formText(form, "code");
    await run(async () => {
      if (!password || !code) return "Enter your password and a code.";
      // `code`: this app's two-factor guard asks for it (src/lib/two-factor-guard-plugin.ts).
      const { error } = await authRequest("/two-factor/disable", { password, code });
      return credentialsErrorMessage(error);
    });
  }

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      <p className="text-sm">
        To turn it off, confirm your password and enter a code from your authenticator app (or a
        backup code).
      </p>
      {error ? <Alert>{error}</Alert> : null}
      <CurrentPasswordField label="Password" />
      <TwoFactorCodeField label="Authentication code" />
      <FormActions
        pending={pending}
        label="Turn off two-factor authentication"
        pendingLabel="Turning off…"
        variant="danger"
      />
    </form>
  );
}
