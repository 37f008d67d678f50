/** Where users go after signing in when no (valid) destination was given. */
export const DEFAULT_AFTER_SIGN_IN = "/tasks";

const PROBE_ORIGIN = "http://same-origin.invalid";

/** `value` as the path, query and fragment a browser on this site would go to; null if off-site. */
function resolveOnSite(value: string): string | null {
  try {
    const url = new URL(value, PROBE_ORIGIN);
    return url.origin === PROBE_ORIGIN ? `${url.pathname}${url.search}${url.hash}` : null;
  } catch {
    return null;
  }
}

/**
 * The `next` destination if it is a path on this site, else the default. The one check for
 * every place that builds or follows a `next`, on the server and in the browser.
 *
 * The path it returns is checked again, not just the input: parsing collapses dot segments,
 * reads `%2e` as a dot, `\` as `/` and drops tabs and newlines, so `/.//evil.example` becomes
 * `//evil.example`, which a browser reads as another host.
 */
export function safeNextPath(value: string | string[] | null | undefined): string {
  if (typeof value !== "string" || !value.startsWith("/")) return DEFAULT_AFTER_SIGN_IN;
  const path = resolveOnSite(value);
  return path !== null && resolveOnSite(path) === path ? path : DEFAULT_AFTER_SIGN_IN;
}

/** `/sign-in?next=/tasks`: a safe destination, kept readable (slashes are legal in a query). */
export function authPagePath(
  page: "/sign-in" | "/sign-up" | "/sign-in/two-factor",
  next: string,
): string {
  return `${page}?next=${encodeURIComponent(safeNextPath(next)).replaceAll("%2F", "/")}`;
}
