import { describe, expect, it } from "vitest";
import { type AddressSources, resolveClientIp, type TrustProxy } from "./client-ip";

const CASES: Array<[string, AddressSources, TrustProxy, string | undefined]> = [
  // TRUST_PROXY unset: the socket, whatever the headers say.
  ["unset: the socket", { peer: "203.0.113.7" }, undefined, "203.0.113.7"],
  [
    "unset: a forged X-Forwarded-For is ignored",
    { peer: "203.0.113.7", forwardedFor: "198.51.100.1" },
    undefined,
    "203.0.113.7",
  ],
  [
    "unset: a two-value X-Forwarded-For is ignored",
    { peer: "203.0.113.7", forwardedFor: "198.51.100.1, 198.51.100.2" },
    undefined,
    "203.0.113.7",
  ],
  [
    "unset: a forged X-Real-IP is ignored",
    { peer: "203.0.113.7", realIp: "198.51.100.1" },
    undefined,
    "203.0.113.7",
  ],
  [
    "unset: an IPv4-mapped peer is written as IPv4",
    { peer: "::ffff:127.0.0.1" },
    undefined,
    "127.0.0.1",
  ],
  [
    "an unknown peer is no address",
    { peer: undefined, forwardedFor: "198.51.100.1" },
    1,
    undefined,
  ],
  // A hop count: that many addresses from the socket inwards are proxies.
  [
    "1 hop: the address the proxy appended",
    { peer: "10.0.0.2", forwardedFor: "6.6.6.6, 198.51.100.1" },
    1,
    "198.51.100.1",
  ],
  [
    "2 hops: the address the outer proxy appended",
    { peer: "10.0.0.2", forwardedFor: "6.6.6.6, 198.51.100.1, 10.0.0.9" },
    2,
    "198.51.100.1",
  ],
  [
    "1 hop: fewer forwarded addresses than hops ends at the last one",
    { peer: "10.0.0.2", forwardedFor: "198.51.100.1" },
    3,
    "198.51.100.1",
  ],
  [
    "1 hop, no X-Forwarded-For: X-Real-IP",
    { peer: "10.0.0.2", realIp: "198.51.100.1" },
    1,
    "198.51.100.1",
  ],
  ["1 hop, no header: the socket", { peer: "10.0.0.2" }, 1, "10.0.0.2"],
  [
    "1 hop: a malformed last address is no address",
    { peer: "10.0.0.2", forwardedFor: "198.51.100.1, not-an-ip" },
    1,
    undefined,
  ],
  ["0 hops: the socket", { peer: "10.0.0.2", forwardedFor: "198.51.100.1" }, 0, "10.0.0.2"],
  // CIDRs: skip every trusted address from the socket inwards.
  [
    "CIDRs: a trusted peer's X-Forwarded-For, proxies in range skipped",
    { peer: "10.0.0.2", forwardedFor: "6.6.6.6, 198.51.100.1, 10.1.2.3" },
    ["10.0.0.0/8"],
    "198.51.100.1",
  ],
  [
    "CIDRs: an untrusted peer's headers are ignored",
    { peer: "203.0.113.7", forwardedFor: "198.51.100.1", realIp: "198.51.100.2" },
    ["10.0.0.0/8"],
    "203.0.113.7",
  ],
  [
    "CIDRs: a trusted peer's X-Real-IP",
    { peer: "::1", realIp: "198.51.100.1" },
    ["127.0.0.1/8", "::1/128"],
    "198.51.100.1",
  ],
  [
    "CIDRs: X-Forwarded-For wins over X-Real-IP",
    { peer: "10.0.0.2", forwardedFor: "198.51.100.1", realIp: "198.51.100.2" },
    ["10.0.0.0/8"],
    "198.51.100.1",
  ],
  [
    "CIDRs: duplicate X-Forwarded-For headers are one list",
    { peer: "10.0.0.2", forwardedFor: ["198.51.100.1", "10.0.0.3"] },
    ["10.0.0.0/8"],
    "198.51.100.1",
  ],
];

describe("resolveClientIp", () => {
  it.each(CASES)("%s", (_name, sources, trust, expected) => {
    expect(resolveClientIp(sources, trust)).toBe(expected);
  });
});
