/** Where users go after signing in when no (valid) destination was given. */
export const DEFAULT_AFTER_SIGN_IN = "/tasks";

const PROBE_ORIGIN = "http://same-origin.invalid";

/**
 * The `next` destination if it is a path on this site, else the default. Rejects absolute URLs,
 * protocol-relative `//host` and backslash tricks that browsers treat as another origin.
 */
export function safeNextPath(value: string | string[] | null | undefined): string {
  if (typeof value !== "string" || !value.startsWith("/") || /[\\\s]/.test(value.slice(0, 2))) {
    return DEFAULT_AFTER_SIGN_IN;
  }
  let url: URL;
  try {
    url = new URL(value, PROBE_ORIGIN);
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
  if (url.origin !== PROBE_ORIGIN) return DEFAULT_AFTER_SIGN_IN;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** `/sign-in?next=/tasks`: the destination kept readable (slashes are legal in a query). */
export function signInPath(next: string): string {
  return `/sign-in?next=${encodeURIComponent(next).replaceAll("%2F", "/")}`;
}
