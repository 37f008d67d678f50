import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Todo", template: "%s · Todo" },
  description: "Keep track of your tasks.",
};

export const viewport: Viewport = {
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f8fafc" },
    { media: "(prefers-color-scheme: dark)", color: "#0b1120" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request, so that its scripts carry the response's CSP nonce
  // (ADR 0014); a page prerendered at build time would have scripts the policy blocks.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans antialiased">
        <a
          href="#main"
          // not-sr-only zeroes the padding, so it is set again for the focused link.
          className="sr-only rounded-md bg-surface focus:not-sr-only focus:absolute focus:px-3 focus:py-2 focus:top-2 focus:left-2 focus:z-50 focus:outline-2 focus:outline-ring"
        >
          Skip to content
        </a>
        {children}
      </body>
    </html>
  );
}
