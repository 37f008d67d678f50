/**
 * A stand-in push service (RFC 8030) on 127.0.0.1, and a browser's side of a subscription:
 * it receives each push, checks its VAPID signature (RFC 8292) and decrypts its aes128gcm
 * payload (RFC 8291, RFC 8188) with the subscription's private key and auth secret, written
 * here with node:crypto, independently of the library that encrypts.
 */
import {
  createDecipheriv,
  createECDH,
  createPublicKey,
  type ECDH,
  hkdfSync,
  randomBytes,
} from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { buffer } from "node:stream/consumers";
import { decodeProtectedHeader, jwtVerify } from "jose";

export interface ReceivedPush {
  path: string;
  headers: IncomingMessage["headers"];
  /** The VAPID JWT's claims, once its signature checked out against `k`. */
  claims: { aud: string; exp: number; sub?: string };
  /** The `k=` of the Authorization header: the sender's VAPID public key. */
  vapidKey: string;
  /** The decrypted payload. */
  payload: string;
}

/** A browser's push subscription: the JSON it sends to the API, and the private half. */
export interface BrowserSubscription {
  json: { endpoint: string; expirationTime: null; keys: { p256dh: string; auth: string } };
  ecdh: ECDH;
  auth: Buffer;
}

export function browserSubscription(endpoint: string): BrowserSubscription {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return {
    json: {
      endpoint,
      expirationTime: null,
      keys: {
        p256dh: ecdh.getPublicKey().toString("base64url"),
        auth: auth.toString("base64url"),
      },
    },
    ecdh,
    auth,
  };
}

/** RFC 8291 §3.4 and RFC 8188 §2: the plaintext of a single-record aes128gcm body. */
export function decryptPush(body: Buffer, subscription: BrowserSubscription): string {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const keyIdLength = body.readUInt8(20);
  const senderKey = body.subarray(21, 21 + keyIdLength);
  const record = body.subarray(21 + keyIdLength);
  if (record.length > recordSize) throw new Error("more than one record");

  const receiverKey = subscription.ecdh.getPublicKey();
  const ecdhSecret = subscription.ecdh.computeSecret(senderKey);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), receiverKey, senderKey]);
  const ikm = Buffer.from(hkdfSync("sha256", ecdhSecret, subscription.auth, keyInfo, 32));
  const cek = Buffer.from(
    hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16),
  );
  const nonce = Buffer.from(
    hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12),
  );
  const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([
    decipher.update(record.subarray(0, record.length - 16)),
    decipher.final(),
  ]);
  // The last record ends with the delimiter 0x02, then zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end -= 1;
  if (padded[end] !== 2) throw new Error("no last-record delimiter");
  return padded.subarray(0, end).toString("utf8");
}

/** RFC 8292 §3: `vapid t=<JWT>, k=<public key>`, the JWT ES256-signed with that key. */
async function verifyVapid(authorization: string | undefined, audience: string) {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(authorization ?? "");
  if (!match) throw new Error(`not a VAPID Authorization header: ${authorization}`);
  const [, token = "", vapidKey = ""] = match;
  const point = Buffer.from(vapidKey, "base64url");
  const key = createPublicKey({
    format: "jwk",
    key: {
      kty: "EC",
      crv: "P-256",
      x: point.subarray(1, 33).toString("base64url"),
      y: point.subarray(33, 65).toString("base64url"),
    },
  });
  if (decodeProtectedHeader(token).alg !== "ES256") throw new Error("VAPID JWT is not ES256");
  const { payload } = await jwtVerify(token, key, { audience, algorithms: ["ES256"] });
  if (typeof payload.exp !== "number") throw new Error("VAPID JWT without exp");
  return { claims: payload as ReceivedPush["claims"], vapidKey };
}

export interface PushService {
  origin: string;
  /** A fresh endpoint URL and the browser that holds it. */
  subscribe(): BrowserSubscription;
  /** The pushes received, decrypted, in order; a push that failed a check is in `failures`. */
  received: ReceivedPush[];
  failures: string[];
  /** The status answered to the next pushes (201 by default; 410: the subscription is gone). */
  respondWith(status: number): void;
  close(): Promise<void>;
}

export async function startPushService(): Promise<PushService> {
  const subscriptions = new Map<string, BrowserSubscription>();
  const received: ReceivedPush[] = [];
  const failures: string[] = [];
  let status = 201;
  let origin = "";
  const server = createServer(async (request, response) => {
    const body = await buffer(request);
    const path = request.url ?? "";
    try {
      const subscription = subscriptions.get(path);
      if (!subscription) throw new Error(`no subscription at ${path}`);
      if (request.method !== "POST") throw new Error(`${request.method} instead of POST`);
      const { claims, vapidKey } = await verifyVapid(request.headers.authorization, origin);
      if (request.headers["content-encoding"] !== "aes128gcm") {
        throw new Error(`content-encoding ${request.headers["content-encoding"]}`);
      }
      const payload = decryptPush(body, subscription);
      received.push({ path, headers: request.headers, claims, vapidKey, payload });
      response.writeHead(status).end();
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String(error));
      response.writeHead(400).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    subscribe() {
      const path = `/push/${randomBytes(12).toString("base64url")}`;
      const subscription = browserSubscription(`${origin}${path}`);
      subscriptions.set(path, subscription);
      return subscription;
    },
    received,
    failures,
    respondWith(next) {
      status = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      ),
  };
}
