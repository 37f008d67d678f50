/**
 * The wait a 429 asks for, in seconds: `Retry-After`, or `X-Retry-After` (Better Auth's limiter
 * sends only that one); undefined when neither names a number of seconds.
 */
export function retryAfterSeconds(response: Response): number | undefined {
  const value = response.headers.get("retry-after") ?? response.headers.get("x-retry-after");
  return value !== null && /^\d+$/.test(value.trim()) ? Number(value) : undefined;
}

/** "Please wait N seconds" for a 429, else null: the API's and Better Auth's alike. */
export function tooManyRequestsMessage(response: Response): string | null {
  if (response.status !== 429) return null;
  const seconds = retryAfterSeconds(response) || 60;
  const wait =
    seconds > 90
      ? `${Math.ceil(seconds / 60)} minutes`
      : `${seconds} second${seconds === 1 ? "" : "s"}`;
  return `Too many attempts. Please wait ${wait} and try again.`;
}
