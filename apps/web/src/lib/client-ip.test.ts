import { describe, expect, it } from "vitest";
import { type AddressSources, resolveClientIp, type TrustProxy } from "./client-ip";

/** The socket's address when it is the client itself. */
const PEER = "203.0.113.7";
/** The socket's address when it is a proxy. */
const PROXY = "10.0.0.2";
/** The client behind the proxy, and a second address a header may claim. */
const CLIENT = "198.51.100.1";
const OTHER = "198.51.100.2";

/** Per TRUST_PROXY setting: what the request carries, and the client address it resolves to. */
const CASES: Array<[string, TrustProxy, Array<[string, AddressSources, string | undefined]>]> = [
  // TRUST_PROXY unset: the socket, whatever the headers say.
  [
    "unset",
    undefined,
    [
      ["the socket", { peer: PEER }, PEER],
      ["a forged X-Forwarded-For is ignored", { peer: PEER, forwardedFor: CLIENT }, PEER],
      [
        "a two-value X-Forwarded-For is ignored",
        { peer: PEER, forwardedFor: `${CLIENT}, ${OTHER}` },
        PEER,
      ],
      ["a forged X-Real-IP is ignored", { peer: PEER, realIp: CLIENT }, PEER],
      ["an IPv4-mapped peer is written as IPv4", { peer: "::ffff:127.0.0.1" }, "127.0.0.1"],
    ],
  ],
  // A hop count: that many addresses from the socket inwards are proxies.
  [
    "1 hop",
    1,
    [
      ["an unknown peer is no address", { peer: undefined, forwardedFor: CLIENT }, undefined],
      [
        "the address the proxy appended",
        { peer: PROXY, forwardedFor: `6.6.6.6, ${CLIENT}` },
        CLIENT,
      ],
      ["no X-Forwarded-For: X-Real-IP", { peer: PROXY, realIp: CLIENT }, CLIENT],
      ["no header: the socket", { peer: PROXY }, PROXY],
      [
        "a malformed last address is no address",
        { peer: PROXY, forwardedFor: `${CLIENT}, not-an-ip` },
        undefined,
      ],
    ],
  ],
  [
    "2 hops",
    2,
    [
      [
        "the address the outer proxy appended",
        { peer: PROXY, forwardedFor: `6.6.6.6, ${CLIENT}, 10.0.0.9` },
        CLIENT,
      ],
    ],
  ],
  [
    "3 hops",
    3,
    [
      [
        "fewer forwarded addresses than hops ends at the last one",
        { peer: PROXY, forwardedFor: CLIENT },
        CLIENT,
      ],
    ],
  ],
  ["0 hops", 0, [["the socket", { peer: PROXY, forwardedFor: CLIENT }, PROXY]]],
  // CIDRs: skip every trusted address from the socket inwards.
  [
    "CIDRs",
    ["10.0.0.0/8"],
    [
      [
        "a trusted peer's X-Forwarded-For, proxies in range skipped",
        { peer: PROXY, forwardedFor: `6.6.6.6, ${CLIENT}, 10.1.2.3` },
        CLIENT,
      ],
      [
        "an untrusted peer's headers are ignored",
        { peer: PEER, forwardedFor: CLIENT, realIp: OTHER },
        PEER,
      ],
      [
        "X-Forwarded-For wins over X-Real-IP",
        { peer: PROXY, forwardedFor: CLIENT, realIp: OTHER },
        CLIENT,
      ],
      [
        "duplicate X-Forwarded-For headers are one list",
        { peer: PROXY, forwardedFor: [CLIENT, "10.0.0.3"] },
        CLIENT,
      ],
    ],
  ],
  [
    "loopback CIDRs",
    ["127.0.0.1/8", "::1/128"],
    [["a trusted peer's X-Real-IP", { peer: "::1", realIp: CLIENT }, CLIENT]],
  ],
];

describe.each(CASES)("resolveClientIp, TRUST_PROXY %s", (_setting, trust, cases) => {
  it.each(cases)("%s", (_name, sources, expected) => {
    expect(resolveClientIp(sources, trust)).toBe(expected);
  });
});
