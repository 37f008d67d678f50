"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

type Mode = "sign-in" | "sign-up";
type Field = "name" | "email" | "password";
type FieldErrors = Partial<Record<Field, string>>;

const FORMS = {
  "sign-in": {
    schema: "signInSchema",
    fields: ["email", "password"],
    submit: "Sign in",
    pending: "Signing in…",
  },
  "sign-up": {
    schema: "signUpSchema",
    fields: ["name", "email", "password"],
    submit: "Create account",
    pending: "Creating account…",
  },
} as const;

let schemas: Promise<typeof import("@todo/contract/auth-forms")> | undefined;
/**
 * The validation rules load on first use (the form gets focus), not with the page: they are
 * the largest part of this page's own script.
 */
function loadSchemas() {
  schemas ??= import("@todo/contract/auth-forms");
  return schemas;
}

async function validate(mode: Mode, form: HTMLFormElement) {
  const data = new FormData(form);
  const values = Object.fromEntries(
    FORMS[mode].fields.map((field) => [field, String(data.get(field) ?? "")]),
  );
  const result = (await loadSchemas())[FORMS[mode].schema].safeParse(values);
  const errors: FieldErrors = {};
  for (const issue of result.error?.issues ?? []) {
    const field = issue.path[0] as Field;
    errors[field] ??= issue.message;
  }
  return { data: result.data, errors };
}

/** Better Auth's answer, in words that never say which credential was wrong. */
async function failureMessage(mode: Mode, response: Response): Promise<string> {
  if (response.status === 429) {
    const seconds = Number(response.headers.get("X-Retry-After")) || 60;
    return `Too many attempts. Please wait ${seconds} second${seconds === 1 ? "" : "s"} and try again.`;
  }
  if (mode === "sign-in" && (response.status === 401 || response.status === 403)) {
    return "The email or password is incorrect.";
  }
  const body = (await response.json().catch(() => null)) as { code?: string } | null;
  if (mode === "sign-up" && body?.code?.startsWith("USER_ALREADY_EXISTS")) {
    return "An account with this email already exists. Sign in instead.";
  }
  return "Something went wrong on our side. Please try again.";
}

export function AuthForm({ mode, next }: { mode: Mode; next: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const { fields } = FORMS[mode];

  // After a first submit, or once a field was left, errors follow the input as it changes.
  const revalidate = async (field: Field) => {
    if (!formRef.current) return;
    const message = (await validate(mode, formRef.current)).errors[field];
    setErrors((current) => ({ ...current, [field]: message }));
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const { data, errors: found } = await validate(mode, form);
    setErrors(found);
    setFormError(null);
    if (!data) {
      const first = fields.find((field) => found[field]);
      form.querySelector<HTMLInputElement>(`[name="${first}"]`)?.focus();
      return;
    }
    setPending(true);
    try {
      const response = await fetch(`/api/auth/${mode}/email`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(data),
      });
      if (response.ok) {
        // With two-factor on, Better Auth answers with a challenge instead of a session.
        const body = (await response.json().catch(() => null)) as {
          twoFactorRedirect?: boolean;
        } | null;
        router.replace(
          body?.twoFactorRedirect ? `/sign-in/two-factor?next=${encodeURIComponent(next)}` : next,
        );
        return;
      }
      setFormError(await failureMessage(mode, response));
    } catch {
      setFormError("Can't reach the server. Check your connection and try again.");
    }
    setPending(false);
  }

  const fieldProps = (field: Field) => ({
    name: field,
    onBlur: () => void revalidate(field),
    onChange: () => {
      if (errors[field]) void revalidate(field);
    },
  });

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={onSubmit}
      onFocus={() => void loadSchemas()}
      className="flex flex-col gap-4"
    >
      {formError ? <Alert>{formError}</Alert> : null}
      {mode === "sign-up" ? (
        <FormField label="Name" error={errors.name}>
          {(control) => <Input {...control} {...fieldProps("name")} autoComplete="name" />}
        </FormField>
      ) : null}
      <FormField label="Email" error={errors.email}>
        {(control) => (
          <Input {...control} {...fieldProps("email")} type="email" autoComplete="email" />
        )}
      </FormField>
      <FormField
        label="Password"
        error={errors.password}
        hint={mode === "sign-up" ? "8 to 128 characters." : undefined}
      >
        {(control) => (
          <Input
            {...control}
            {...fieldProps("password")}
            type="password"
            autoComplete={mode === "sign-up" ? "new-password" : "current-password"}
          />
        )}
      </FormField>
      <Button type="submit" disabled={pending} className="mt-2 w-full">
        {pending ? FORMS[mode].pending : FORMS[mode].submit}
      </Button>
    </form>
  );
}
