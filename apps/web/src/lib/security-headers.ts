/**
 * Security headers. next.config.ts sends the fixed ones with every response (its `headers()`
 * are read at build time); proxy.ts adds the ones that depend on the request or on the runtime
 * configuration to every page.
 */

/** For every response, pages or not: no framing, plugins or base/form hijacking. */
export const BASELINE_CSP = [
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
];

export interface PagePolicyOptions {
  /** Fresh and unguessable for each response; Next.js puts it on the scripts it renders. */
  nonce: string;
  /** The browser calls the API there. */
  apiUrl: string;
  development: boolean;
}

/**
 * The Content-Security-Policy of a page. Scripts run only with this response's nonce, or when a
 * script holding it loads them ('strict-dynamic': Next.js loads its chunks that way). Styles
 * allow 'unsafe-inline': sonner and Radix insert `<style>` elements without a nonce, and React
 * renders `style` attributes, which a nonce cannot cover (ADR 0014).
 */
export function pageContentSecurityPolicy(options: PagePolicyOptions): string {
  return [
    "default-src 'self'",
    // React uses eval in development only, to rebuild server error stacks in the browser.
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    `connect-src 'self' ${new URL(options.apiUrl).origin}`,
    // The service worker of Web Push (public/sw.js); script-src's nonce cannot cover a worker.
    "worker-src 'self'",
    ...BASELINE_CSP,
  ].join("; ");
}

/** HSTS for one year (as the API's helmet sends it) when the public origin is HTTPS. */
export function strictTransportSecurity(publicUrl: string): string | undefined {
  return new URL(publicUrl).protocol === "https:"
    ? "max-age=31536000; includeSubDomains"
    : undefined;
}
