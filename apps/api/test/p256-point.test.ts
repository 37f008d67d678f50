import { createECDH, type ECDH } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isP256Point } from "../src/lib/p256-point";

/** A browser's key (`PushSubscription.getKey("p256dh")`), as raw bytes. */
function browserKey(): ECDH {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  return ecdh;
}
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");

describe("isP256Point", () => {
  it("accepts uncompressed points of P-256, as browsers send them", () => {
    for (let index = 0; index < 20; index++) {
      expect(isP256Point(browserKey().getPublicKey("base64url"))).toBe(true);
    }
    // The curve's generator G (SEC 2 §2.4.2).
    const generator = Buffer.from(
      "04" +
        "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296" +
        "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5",
      "hex",
    );
    expect(isP256Point(b64(generator))).toBe(true);
  });

  it("refuses a point off the curve and coordinates outside the field", () => {
    const key = browserKey().getPublicKey();
    const offCurve = Buffer.from(key);
    offCurve[64] = (offCurve[64] as number) ^ 1;
    expect(isP256Point(b64(offCurve))).toBe(false);
    const ones = Buffer.alloc(65, 1);
    ones[0] = 4;
    expect(isP256Point(b64(ones))).toBe(false);
    const zeros = Buffer.alloc(65, 0);
    zeros[0] = 4;
    expect(isP256Point(b64(zeros))).toBe(false);
    // x = y = 2^256 - 1: beyond the field's prime.
    const beyond = Buffer.alloc(65, 0xff);
    beyond[0] = 4;
    expect(isP256Point(b64(beyond))).toBe(false);
  });

  it("refuses the wrong length, the point at infinity and the empty string", () => {
    const key = browserKey().getPublicKey();
    expect(isP256Point(b64(key.subarray(0, 64)))).toBe(false);
    expect(isP256Point(b64(Buffer.concat([key, Buffer.from([0])])))).toBe(false);
    expect(isP256Point(b64(key.subarray(1)))).toBe(false);
    expect(isP256Point(b64(Buffer.from([0])))).toBe(false);
    expect(isP256Point("")).toBe(false);
  });

  it("refuses a point of the curve in compressed or hybrid form: RFC 8291 needs it uncompressed", () => {
    const ecdh = browserKey();
    expect(isP256Point(ecdh.getPublicKey("base64url", "compressed"))).toBe(false);
    expect(isP256Point(ecdh.getPublicKey("base64url", "hybrid"))).toBe(false);
  });
});
