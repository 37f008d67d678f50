"use client";

import { type FormEvent, useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { type AuthError, authErrorMessage, authRequest } from "@/lib/auth-request";
import { importOrReload } from "@/lib/new-build-reload";
import type { PasskeySummary } from "../api/load-account";
import { useAccountAction } from "../hooks/use-account-action";
import { LocalTime } from "./local-time";
import { SettingsSection } from "./settings-section";

function passkeyErrorMessage(error: AuthError) {
  switch (error.code) {
    case "PASSKEY_CEREMONY_CANCELLED":
      return "Adding the passkey was cancelled.";
    case "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED":
      return "This device already holds a passkey for your account.";
    default:
      return authErrorMessage(error, "The passkey could not be added. Please try again.");
  }
}

/** Passkeys: sign in with the device's screen lock instead of a password. */
export function PasskeysSection({ passkeys }: { passkeys: PasskeySummary[] }) {
  const { pending, error, run } = useAccountAction();

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get("name") ?? "").trim();
    const added = await run(async () => {
      if (typeof window.PublicKeyCredential === "undefined") {
        return "This browser does not support passkeys.";
      }
      const { addPasskey } = await importOrReload(() => import("@/lib/passkeys"));
      const { error } = await addPasskey(name || undefined);
      return error ? passkeyErrorMessage(error) : null;
    });
    if (added) form.reset();
  }

  return (
    <SettingsSection
      title="Passkeys"
      description="Sign in with your fingerprint, face or screen lock instead of your password."
    >
      {passkeys.length > 0 ? (
        <ul aria-label="Your passkeys" className="flex flex-col divide-y divide-border">
          {passkeys.map((passkey) => (
            <PasskeyItem key={passkey.id} passkey={passkey} />
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted-foreground">No passkeys yet.</p>
      )}
      <form noValidate onSubmit={add} className="flex flex-col gap-4">
        <FormField
          label="Name for a new passkey (optional)"
          error={error ?? undefined}
          hint="For example, the device it is on: “Work laptop”."
        >
          {(control) => <Input {...control} name="name" autoComplete="off" />}
        </FormField>
        <div>
          <Button type="submit" variant="secondary" disabled={pending}>
            {pending ? "Waiting for your device…" : "Add a passkey"}
          </Button>
        </div>
      </form>
    </SettingsSection>
  );
}

function PasskeyItem({ passkey }: { passkey: PasskeySummary }) {
  const { pending, error, setError, run } = useAccountAction();
  const [renaming, setRenaming] = useState(false);
  const nameId = useId();
  const label = passkey.name || "Unnamed passkey";

  async function rename(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "").trim();
    if (!name) return setError("Enter a name");
    const done = await run(async () => {
      const { error } = await authRequest("/passkey/update-passkey", { id: passkey.id, name });
      return error ? authErrorMessage(error) : null;
    });
    if (done) setRenaming(false);
  }

  const remove = () =>
    run(async () => {
      const { error } = await authRequest("/passkey/delete-passkey", { id: passkey.id });
      return error ? authErrorMessage(error) : null;
    });

  if (renaming) {
    return (
      <li className="py-3 first:pt-0 last:pb-0">
        <form noValidate onSubmit={rename} className="flex flex-col gap-3">
          <FormField label={`New name for “${label}”`} error={error ?? undefined}>
            {(control) => (
              <Input {...control} name="name" defaultValue={passkey.name ?? ""} autoFocus />
            )}
          </FormField>
          <div className="flex flex-wrap gap-3">
            <Button type="submit" size="sm" disabled={pending}>
              Save
            </Button>
            <Button
              variant="ghost"
              size="sm"
              onClick={() => {
                setError(null);
                setRenaming(false);
              }}
            >
              Cancel
            </Button>
          </div>
        </form>
      </li>
    );
  }

  return (
    <li
      data-testid="passkey"
      className="flex flex-wrap items-center justify-between gap-3 py-3 first:pt-0 last:pb-0"
    >
      <div id={nameId} className="flex min-w-0 flex-col gap-0.5">
        <p className="font-medium break-words">{label}</p>
        {passkey.createdAt ? (
          <p className="text-sm text-muted-foreground">
            Added <LocalTime iso={passkey.createdAt} />
          </p>
        ) : null}
      </div>
      <div className="flex gap-2">
        <Button
          variant="secondary"
          size="sm"
          aria-describedby={nameId}
          onClick={() => setRenaming(true)}
        >
          Rename
        </Button>
        <Button
          variant="secondary"
          size="sm"
          aria-describedby={nameId}
          disabled={pending}
          onClick={() => void remove()}
        >
          Remove
        </Button>
      </div>
      {error ? <Alert className="w-full">{error}</Alert> : null}
    </li>
  );
}
