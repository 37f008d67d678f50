/**
 * The account emails. Each has a plain-text version and an HTML version in the app's look
 * (inline styles: mail clients drop style sheets). Names and addresses are escaped.
 */
import type { Mail } from "./mailer";

export type MailContent = Omit<Mail, "to">;

const COLORS = { text: "#0f172a", muted: "#475569", primary: "#4338ca", border: "#cbd5e1" };

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] as string);
}

interface Action {
  label: string;
  url: string;
}

interface Content {
  subject: string;
  name: string;
  /** Paragraphs before the button. */
  intro: string[];
  action: Action;
  /** Paragraphs after it: expiry, "if this was not you". */
  outro: string[];
  /** A second, plainer link. */
  secondary?: Action;
}

function paragraph(text: string, color = COLORS.text): string {
  return `<p style="margin:0 0 16px;font-size:15px;line-height:1.5;color:${color}">${escapeHtml(text)}</p>`;
}

function render({ subject, name, intro, action, outro, secondary }: Content): MailContent {
  const greeting = `Hi ${name},`;
  const text = [
    greeting,
    ...intro,
    `${action.label}:\n${action.url}`,
    ...(secondary ? [`${secondary.label}:\n${secondary.url}`] : []),
    ...outro,
    "— Todo",
  ].join("\n\n");
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:24px 12px;background:#f8fafc;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif">
<div style="max-width:480px;margin:0 auto;padding:28px;background:#ffffff;border:1px solid ${COLORS.border};border-radius:12px">
<p style="margin:0 0 20px;font-size:20px;font-weight:600;color:${COLORS.text}">Todo</p>
${paragraph(greeting)}
${intro.map((text) => paragraph(text)).join("\n")}
<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="display:inline-block;padding:10px 18px;background:${COLORS.primary};color:#ffffff;font-size:15px;font-weight:600;text-decoration:none;border-radius:6px">${escapeHtml(action.label)}</a></p>
${secondary ? `<p style="margin:0 0 16px;font-size:15px;line-height:1.5"><a href="${escapeHtml(secondary.url)}" style="color:${COLORS.primary}">${escapeHtml(secondary.label)}</a></p>` : ""}
${outro.map((text) => paragraph(text, COLORS.muted)).join("\n")}
<p style="margin:24px 0 0;font-size:13px;line-height:1.5;color:${COLORS.muted}">If the button does not work, open this address: <span style="word-break:break-all">${escapeHtml(action.url)}</span></p>
</div>
</body></html>
`;
  return { subject, text, html };
}

export function verifyEmailMail(name: string, url: string, validFor: string): MailContent {
  return render({
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
  return render({
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
  return render({
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
  return render({
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
  return render({
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
