import { describe, expect, it } from "vitest";
import { readBodyWithin } from "./body-limit";

function streamOf(chunks: Uint8Array[], onPull: () => void): ReadableStream<Uint8Array> {
  let index = 0;
  // highWaterMark 0: a chunk is produced only when the reader asks for one.
  return new ReadableStream(
    {
      pull(controller) {
        onPull();
        const chunk = chunks[index++];
        if (chunk) controller.enqueue(chunk);
        else controller.close();
      },
    },
    { highWaterMark: 0 },
  );
}

function post(body: BodyInit, headers: Record<string, string> = {}): Request {
  return new Request("http://localhost/api/auth/sign-up/email", {
    method: "POST",
    body,
    headers,
    duplex: "half",
  } as RequestInit);
}

describe("readBodyWithin", () => {
  it("returns a body within the limit unchanged", async () => {
    const body = await readBodyWithin(post('{"name":"Ada"}'), 64);
    expect(new TextDecoder().decode(body)).toBe('{"name":"Ada"}');
  });

  it("refuses a declared Content-Length over the limit without reading the body", async () => {
    let pulls = 0;
    const stream = streamOf([new Uint8Array(10)], () => pulls++);
    const request = post(stream, { "content-length": "65537" });
    expect(await readBodyWithin(request, 65_536)).toBeUndefined();
    expect(pulls).toBe(0);
  });

  it("stops reading a streamed body as soon as it passes the limit", async () => {
    let pulls = 0;
    const chunks = Array.from({ length: 100 }, () => new Uint8Array(1024));
    const result = await readBodyWithin(post(streamOf(chunks, () => pulls++)), 4 * 1024);
    expect(result).toBeUndefined();
    expect(pulls).toBeLessThan(10);
  });
});
