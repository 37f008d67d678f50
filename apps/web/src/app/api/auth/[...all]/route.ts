import { audit } from "@/lib/audit";
import { getAuth } from "@/lib/auth";
import { AUTH_BODY_MAX_BYTES, readBodyWithin } from "@/lib/body-limit";

function tooLarge(): Response {
  return Response.json(
    {
      code: "PAYLOAD_TOO_LARGE",
      message: `Request bodies are limited to ${AUTH_BODY_MAX_BYTES / 1024} KiB.`,
    },
    { status: 413, headers: { Connection: "close" } },
  );
}

/**
 * Better Auth's limiter answers 429 with only `X-Retry-After`; the standard `Retry-After` is
 * added, and the event audited (the account throttle sets both and audits itself).
 */
function withRetryAfter(request: Request, response: Response): Response {
  const seconds = response.headers.get("X-Retry-After");
  if (response.status !== 429 || !seconds || response.headers.has("Retry-After")) return response;
  audit("auth.rate_limited", {}, request.headers);
  const headers = new Headers(response.headers);
  headers.set("Retry-After", seconds);
  return new Response(response.body, { status: 429, statusText: response.statusText, headers });
}

async function handle(request: Request): Promise<Response> {
  let forwarded = request;
  if (request.body) {
    // Auth bodies are a few fields: a bigger one is refused before it is read, not stored.
    const body = await readBodyWithin(request, AUTH_BODY_MAX_BYTES);
    if (!body) return tooLarge();
    forwarded = new Request(request, { body });
  }
  return withRetryAfter(request, await getAuth().handler(forwarded));
}

export { handle as GET, handle as POST };
