/** The largest body an auth endpoint reads: its JSON is a handful of short fields. */
export const AUTH_BODY_MAX_BYTES = 64 * 1024;

/**
 * The request's body, or undefined as soon as it is known to exceed `maxBytes`: from
 * `Content-Length` before reading anything, else while streaming (the rest is never read).
 */
export async function readBodyWithin(
  request: Request,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  if (Number(request.headers.get("content-length")) > maxBytes) return undefined;
  const reader = request.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}
