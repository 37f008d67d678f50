import { devOutboxDir } from "@todo/mail/mailer";
import { readOutbox } from "@todo/mail/outbox";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Outbox (development)", robots: { index: false } };

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium" });

/**
 * Development only: the messages the app "sent" to the outbox, newest first, with their links.
 * Not found in production and whenever mail goes to a real SMTP server.
 */
export default async function DevMailPage() {
  await connection();
  const dir = devOutboxDir(getEnv());
  if (!dir) notFound();
  const messages = await readOutbox(dir);
  return (
    <main id="main" className="mx-auto flex w-full max-w-3xl flex-col gap-6 px-4 py-8 sm:px-6">
      <header>
        <h1 className="text-2xl font-bold tracking-tight">Outbox</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          Development only. Mail is written to <code className="break-all">{dir}</code> instead of
          being sent.
        </p>
      </header>
      {messages.length === 0 ? (
        <p>No messages yet.</p>
      ) : (
        <ol className="flex flex-col gap-4">
          {messages.map((message) => (
            <li key={message.id} className="rounded-xl border border-border bg-surface p-4">
              <article aria-labelledby={`${message.id}-subject`} className="flex flex-col gap-2">
                <h2 id={`${message.id}-subject`} className="font-semibold">
                  {message.subject}
                </h2>
                <p className="text-sm text-muted-foreground">
                  To {message.to}
                  {message.date ? ` · ${dateFormat.format(message.date)}` : null}
                </p>
                <ul className="flex flex-col gap-1 text-sm">
                  {message.links.map((link) => (
                    <li key={link}>
                      <a
                        href={link}
                        className="break-all text-primary underline underline-offset-2"
                      >
                        {link}
                      </a>
                    </li>
                  ))}
                </ul>
                <details className="text-sm">
                  <summary className="cursor-pointer">Plain text</summary>
                  <pre className="mt-2 whitespace-pre-wrap">{message.text}</pre>
                </details>
                <details className="text-sm">
                  <summary className="cursor-pointer">HTML</summary>
                  <iframe
                    title={`HTML version of "${message.subject}"`}
                    srcDoc={message.html}
                    sandbox=""
                    className="mt-2 h-96 w-full rounded-md border border-border bg-white"
                  />
                </details>
              </article>
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
