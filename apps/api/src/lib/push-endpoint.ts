/**
 * The SSRF guard of Web Push (docs/decisions/0031-web-push-and-email-reminders.md): a push
 * subscription's endpoint is a URL the server POSTs to, chosen by whoever calls the API. Only
 * `https:` on the default port to a public address passes, checked when the subscription is
 * stored and again, on the resolved addresses, when the request is made (a DNS name may point
 * at an internal address, or change to one). Outside production the tests' stand-in push
 * service, `http://127.0.0.1` or `http://localhost`, passes too.
 */
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";

/** Special-purpose ranges (IANA registries for IPv4 and IPv6): nothing a push service uses. */
const NON_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 127],
  ["::ffff:0:0", 96],
  ["64:ff9b::", 96],
  ["64:ff9b:1::", 48],
  ["100::", 64],
  ["2001::", 23],
  ["2001:db8::", 32],
  ["2002::", 16],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, "ipv6");
}

function isPublicAddress(address: string): boolean {
  const version = isIP(address);
  if (version === 0) return false;
  return !NON_PUBLIC.check(address, version === 4 ? "ipv4" : "ipv6");
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Why the server must not POST to `endpoint`, or undefined when it may. `allowLoopbackHttp`:
 * outside production, where the tests' stand-in push service listens on the loopback.
 */
export function pushEndpointProblem(
  endpoint: string,
  allowLoopbackHttp: boolean,
): string | undefined {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return "Must be a URL";
  }
  if (url.username || url.password) return "Must not carry a user name or password";
  if (url.protocol === "http:" && allowLoopbackHttp && LOOPBACK_HOSTS.has(url.hostname)) {
    return undefined;
  }
  if (url.protocol !== "https:") return "Must be an https: URL";
  if (url.port !== "") return "Must use the default https port";
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (isIP(host) !== 0) return isPublicAddress(host) ? undefined : "Must be a public address";
  if (host === "localhost" || host.endsWith(".localhost") || !host.includes(".")) {
    return "Must be a public host name";
  }
  return undefined;
}

/** `dns.lookup` keeping only public addresses: a connection to any other one is refused. */
export const publicAddressLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, "", 0);
    const allowed = addresses.filter((entry) => isPublicAddress(entry.address));
    const first = allowed[0];
    if (!first) {
      const refused = Object.assign(new Error("The push endpoint is not a public address"), {
        code: "ENOTPUBLIC",
      });
      return callback(refused, "", 0);
    }
    if (options.all)
      return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
    return callback(null, first.address, first.family);
  });
};
