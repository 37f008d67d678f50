/** The account emails, in the look of packages/mail/src/layout.ts. */
import { type MailContent, renderMail } from "@todo/mail/layout";

export function verifyEmailMail(name: string, url: string, validFor: string): MailContent {
  return renderMail({
    subject: "Confirm your email address",
    name,
    intro: [
      "Please confirm that this is your email address to finish setting up your Todo account.",
    ],
    action: { label: "Confirm my email address", url },
    outro: [
      `The link works once and expires in ${validFor}.`,
      "If you did not create a Todo account, you can ignore this email.",
    ],
  });
}

export function existingAccountMail(
  name: string,
  signInUrl: string,
  resetUrl: string,
): MailContent {
  return renderMail({
    subject: "You already have a Todo account",
    name,
    intro: [
      "Someone, hopefully you, tried to create a Todo account with this email address. You already have one, so nothing was changed.",
    ],
    action: { label: "Sign in", url: signInUrl },
    secondary: { label: "Forgot your password? Choose a new one", url: resetUrl },
    outro: ["If this was not you, you can ignore this email."],
  });
}

export function resetPasswordMail(name: string, url: string, validFor: string): MailContent {
  return renderMail({
    subject: "Reset your Todo password",
    name,
    intro: ["We received a request to reset the password of your Todo account."],
    action: { label: "Choose a new password", url },
    outro: [
      `The link works once and expires in ${validFor}. Choosing a new password signs you out on every device.`,
      "If you did not ask for this, you can ignore this email: your password stays the same.",
    ],
  });
}

export function confirmNewEmailMail(name: string, url: string, validFor: string): MailContent {
  return renderMail({
    subject: "Confirm your new email address",
    name,
    intro: [
      "You asked to sign in to Todo with this email address from now on. Please confirm that it is yours.",
    ],
    action: { label: "Confirm my new email address", url },
    outro: [
      `The link works once and expires in ${validFor}. Until you open it, your account keeps its current address.`,
      "If you did not ask for this, you can ignore this email.",
    ],
  });
}

export function emailChangedMail(name: string, newEmail: string, settingsUrl: string): MailContent {
  return renderMail({
    subject: "Your Todo email address was changed",
    name,
    intro: [
      `The email address of your Todo account was changed to ${newEmail}. This address no longer signs in.`,
    ],
    action: { label: "Review your account", url: settingsUrl },
    outro: [
      "If you did not make this change, someone else may be using your account. If you still can, sign in with the new address, change your password and end the sessions you do not recognise in your settings.",
    ],
  });
}
