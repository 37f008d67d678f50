"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { authPagePath } from "@/lib/next-path";
import { useHydrated } from "@/lib/use-hydrated";

type Method = "totp" | "backup-code";

const METHODS = {
  totp: {
    path: "/api/auth/two-factor/verify-totp",
    label: "Authentication code",
    hint: "The 6-digit code your authenticator app shows.",
    switchTo: "Use a backup code instead",
  },
  "backup-code": {
    path: "/api/auth/two-factor/verify-backup-code",
    label: "Backup code",
    hint: "One of the backup codes you saved when you turned on two-factor authentication.",
    switchTo: "Use your authenticator app instead",
  },
} as const;

/** Null: the code may be sent; else why not. */
function codeProblem(method: Method, code: string): string | null {
  if (method === "totp") return /^\d{6}$/.test(code) ? null : "Enter the 6-digit code";
  return code ? null : "Enter a backup code";
}

interface Failure {
  message: string;
  /** The challenge is gone: only signing in again helps. */
  restart?: boolean;
}

async function failure(method: Method, response: Response): Promise<Failure> {
  const body = (await response.json().catch(() => null)) as { code?: string } | null;
  switch (body?.code) {
    case "INVALID_CODE":
      return { message: "That code is not right. Enter the code your app shows now." };
    case "INVALID_BACKUP_CODE":
      return { message: "That backup code is not right, or it has been used already." };
    case "INVALID_TWO_FACTOR_COOKIE":
      return { message: "This sign-in has expired. Please sign in again.", restart: true };
    case "TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE":
      return { message: "Too many wrong codes. Please sign in again.", restart: true };
    case "ACCOUNT_TEMPORARILY_LOCKED":
      return { message: "Too many wrong codes. Two-factor sign-in is locked for 15 minutes." };
  }
  if (response.status === 429) {
    const seconds = Number(response.headers.get("X-Retry-After")) || 60;
    return { message: `Too many attempts. Please wait ${seconds} seconds and try again.` };
  }
  return {
    message:
      method === "totp"
        ? "That code could not be checked. Please try again."
        : "That backup code could not be checked. Please try again.",
  };
}

/** The second step of signing in: an authenticator code or a backup code. */
export function TwoFactorForm({ next }: { next: string }) {
  const router = useRouter();
  const [method, setMethod] = useState<Method>("totp");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<Failure | null>(null);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();
  const signInAgain = authPagePath("/sign-in", next);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const code = String(data.get("code") ?? "").replace(/\s/g, "");
    const problem = codeProblem(method, code);
    setFieldError(problem);
    setFormError(null);
    if (problem) {
      form.querySelector<HTMLInputElement>('[name="code"]')?.focus();
      return;
    }
    setPending(true);
    try {
      const response = await fetch(METHODS[method].path, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ code, trustDevice: data.get("trustDevice") === "on" }),
      });
      if (response.ok) {
        router.replace(next);
        return;
      }
      setFormError(await failure(method, response));
    } catch {
      setFormError({ message: "Can't reach the server. Check your connection and try again." });
    }
    setPending(false);
  }

  const { label, hint, switchTo } = METHODS[method];
  return (
    // As AuthFormShell: no submit before hydration, and never the code in the address.
    <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      {formError ? (
        <Alert
          action={
            formError.restart ? (
              <Link href={signInAgain} className="font-medium underline underline-offset-2">
                Sign in again
              </Link>
            ) : undefined
          }
        >
          {formError.message}
        </Alert>
      ) : null}
      <FormField label={label} hint={hint} error={fieldError ?? undefined}>
        {(control) => (
          <Input
            {...control}
            key={method}
            name="code"
            autoComplete="one-time-code"
            inputMode={method === "totp" ? "numeric" : "text"}
            autoFocus
          />
        )}
      </FormField>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="trustDevice" className="size-4 accent-primary" />
        Trust this device for 30 days
      </label>
      <Button type="submit" disabled={pending || !hydrated} className="mt-2 w-full">
        {pending ? "Verifying…" : "Verify"}
      </Button>
      <Button
        variant="ghost"
        className="w-full"
        onClick={() => {
          setMethod(method === "totp" ? "backup-code" : "totp");
          setFieldError(null);
        }}
      >
        {switchTo}
      </Button>
    </form>
  );
}
