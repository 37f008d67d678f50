/**
 * The look of every email the apps send: a plain-text version and an HTML version in the app's
 * look (inline styles: mail clients drop style sheets). Names and addresses are escaped.
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

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] as string);
}

interface Action {
  label: string;
  url: string;
}

export interface MailLayout {
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

export function renderMail({
  subject,
  name,
  intro,
  action,
  outro,
  secondary,
}: MailLayout): MailContent {
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
