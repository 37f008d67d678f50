"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, type ReactNode, useRef, useState } from "react";
import { ResendVerification } from "@/components/resend-verification";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import {
  errorCode,
  focusFirstInvalid,
  loadAuthSchemas,
  postAuth,
  SERVER_FAILURE_MESSAGE,
  tooManyRequestsMessage,
  UNREACHABLE_MESSAGE,
  validateForm,
} from "@/lib/auth-forms";

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

/** Better Auth's answer, in words that never say which credential was wrong. */
async function failure(mode: Mode, response: Response, email: string): Promise<ReactNode> {
  const tooMany = tooManyRequestsMessage(response);
  if (tooMany) return tooMany;
  const code = await errorCode(response);
  // Only after the right password: saying so tells nothing to someone guessing.
  if (mode === "sign-in" && code === "EMAIL_NOT_VERIFIED") {
    return (
      <div className="flex flex-col gap-3">
        <p>Please confirm your email address first: open the link we emailed to {email}.</p>
        <ResendVerification email={email} />
      </div>
    );
  }
  if (mode === "sign-in" && (response.status === 401 || response.status === 403)) {
    return "The email or password is incorrect.";
  }
  if (mode === "sign-up" && code?.startsWith("USER_ALREADY_EXISTS")) {
    return "An account with this email already exists. Sign in instead.";
  }
  return SERVER_FAILURE_MESSAGE;
}

/** Sign-up when verification is required: no session yet, whether or not the account is new. */
function CheckYourEmail({ email }: { email: string }) {
  return (
    <div role="status" className="flex flex-col gap-4">
      <h2 className="text-lg font-semibold">Check your email</h2>
      <p className="text-sm">
        We sent a message to <span className="font-medium break-all">{email}</span>. Open the link
        in it to finish creating your account, then sign in.
      </p>
      <ResendVerification email={email} label="Send it again" />
    </div>
  );
}

export function AuthForm({ mode, next }: { mode: Mode; next: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<ReactNode>(null);
  const [pending, setPending] = useState(false);
  const [awaitingVerification, setAwaitingVerification] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const { schema, fields } = FORMS[mode];

  // After a first submit, or once a field was left, errors follow the input as it changes.
  const revalidate = async (field: Field) => {
    if (!formRef.current) return;
    const message = (await validateForm(schema, formRef.current, fields)).errors[field];
    setErrors((current) => ({ ...current, [field]: message }));
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const { data, errors: found } = await validateForm(schema, form, fields);
    setErrors(found);
    setFormError(null);
    if (!data) {
      focusFirstInvalid(form, fields, found);
      return;
    }
    setPending(true);
    const response = await postAuth(`${mode}/email`, data);
    if (response?.ok) {
      const body = (await response.json().catch(() => null)) as { token?: string | null } | null;
      // Sign-up with required verification answers without a session.
      if (mode === "sign-up" && !body?.token) {
        setAwaitingVerification(data.email);
        return;
      }
      router.replace(next);
      return;
    }
    setFormError(response ? await failure(mode, response, data.email) : UNREACHABLE_MESSAGE);
    setPending(false);
  }

  if (awaitingVerification) return <CheckYourEmail email={awaitingVerification} />;

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
      onFocus={() => void loadAuthSchemas()}
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
