"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, type ReactNode, useRef, useState } from "react";
import { ResendVerification } from "@/components/resend-verification";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import {
  authError,
  focusFirstInvalid,
  newPasswordProblem,
  postAuth,
  SERVER_FAILURE_MESSAGE,
  UNREACHABLE_MESSAGE,
  validateForm,
} from "@/lib/auth-forms";
import { authPagePath, safeNextPath } from "@/lib/next-path";
import { tooManyRequestsMessage } from "@/lib/too-many-requests";
import { AuthFormShell } from "./auth-form-shell";
import { PasswordStrengthMeter } from "./password-strength-meter";

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

/** Codes of the server's refusals that belong to one field. */
const FIELD_CODES: Record<string, Field> = {
  INVALID_NAME: "name",
  INVALID_EMAIL: "email",
  PASSWORD_TOO_COMMON: "password",
};

/** Checks the form, and on sign-up that the new password is not a common one. */
async function validate(mode: Mode, form: HTMLFormElement) {
  const { schema, fields } = FORMS[mode];
  const result = await validateForm(schema, form, fields);
  if (mode === "sign-up" && result.data) {
    const problem = await newPasswordProblem(result.data.password);
    if (problem) return { data: undefined, errors: { password: problem } as FieldErrors };
  }
  return result;
}

/** Better Auth's answer, in words that never say which credential was wrong. */
async function failure(
  mode: Mode,
  response: Response,
  email: string,
): Promise<{ field: Field; message: string } | { field?: undefined; message: ReactNode }> {
  const tooMany = tooManyRequestsMessage(response);
  if (tooMany) return { message: tooMany };
  const { code, message } = await authError(response);
  // Only after the right password: saying so tells nothing to someone guessing.
  if (mode === "sign-in" && code === "EMAIL_NOT_VERIFIED") {
    return {
      message: (
        <div className="flex flex-col gap-3">
          <p>Please confirm your email address first: open the link we emailed to {email}.</p>
          <ResendVerification email={email} />
        </div>
      ),
    };
  }
  if (mode === "sign-in" && (response.status === 401 || response.status === 403)) {
    return { message: "The email or password is incorrect." };
  }
  if (mode === "sign-up" && code?.startsWith("USER_ALREADY_EXISTS")) {
    return { message: "An account with this email already exists. Sign in instead." };
  }
  const field = code ? FIELD_CODES[code] : undefined;
  if (field && message) return { field, message };
  return { message: SERVER_FAILURE_MESSAGE };
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
  const [newPassword, setNewPassword] = useState("");
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
      focusFirstInvalid(form, fields, found);
      return;
    }
    setPending(true);
    const response = await postAuth(`${mode}/email`, data);
    if (response?.ok) {
      const body = (await response.json().catch(() => null)) as {
        token?: string | null;
        twoFactorRedirect?: boolean;
      } | null;
      // With two-factor on, Better Auth answers with a challenge instead of a session.
      if (body?.twoFactorRedirect) {
        router.replace(authPagePath("/sign-in/two-factor", safeNextPath(next)));
        return;
      }
      // Sign-up with required verification answers without a session.
      if (mode === "sign-up" && !body?.token) {
        setAwaitingVerification(data.email);
        return;
      }
      // Checked again where it is followed, whoever passed it in.
      router.replace(safeNextPath(next));
      return;
    }
    const refused = response ? await failure(mode, response, data.email) : undefined;
    if (!refused) setFormError(UNREACHABLE_MESSAGE);
    else if (refused.field) {
      setErrors({ [refused.field]: refused.message });
      focusFirstInvalid(form, fields, { [refused.field]: refused.message });
    } else setFormError(refused.message);
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
    <AuthFormShell
      ref={formRef}
      onSubmit={onSubmit}
      formError={formError}
      pending={pending}
      submitLabel={FORMS[mode].submit}
      pendingLabel={FORMS[mode].pending}
    >
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
        hint={
          mode === "sign-up" ? (
            <>
              8 to 128 characters, not a common one.
              <PasswordStrengthMeter password={newPassword} />
            </>
          ) : undefined
        }
      >
        {(control) => (
          <Input
            {...control}
            {...fieldProps("password")}
            onChange={(event) => {
              if (mode === "sign-up") setNewPassword(event.currentTarget.value);
              if (errors.password) void revalidate("password");
            }}
            type="password"
            autoComplete={mode === "sign-up" ? "new-password" : "current-password"}
          />
        )}
      </FormField>
    </AuthFormShell>
  );
}
