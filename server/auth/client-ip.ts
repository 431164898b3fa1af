import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import { type BlockList, isIP, type Socket } from "node:net";
import { env } from "../env";
import { isIpAddress, isTrusted, normalizeAddress, parseTrustedProxies } from "./trusted-proxies";

/**
 * The header that carries the address of the socket a request arrived on. Next.js gives route
 * handlers and server actions no socket, and `next start` cannot be relied on for it: it sets
 * X-Forwarded-For from the socket only when the client sent none (`??=` in
 * next/dist/server/base-server.js), so a client that sends its own hides its address entirely.
 * recordPeerAddresses() writes this header on every request, over anything the client sent.
 */
export const PEER_ADDRESS_HEADER = "x-assetronics-peer";

const holder = globalThis as { __assetronicsPeerAddresses?: boolean };

/**
 * Stamps each incoming HTTP request with its socket's address, before any handler sees it: Node
 * publishes `http.server.request.start` synchronously just before it emits `request`. Installed
 * once per process at boot (server/boot.ts); requests that arrive before then have no peer
 * address and count as "unknown".
 */
export function recordPeerAddresses(): void {
  if (holder.__assetronicsPeerAddresses) return;
  holder.__assetronicsPeerAddresses = true;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers[PEER_ADDRESS_HEADER] = socket.remoteAddress ?? "";
  });
}

let configured: BlockList | undefined;
const configuredProxies = (): BlockList => {
  configured ??= parseTrustedProxies(env.TRUSTED_PROXIES).list;
  return configured;
};

/** "1.2.3.4:5678" and "[::1]:80" (some proxies add the port) are the address alone. */
const withoutPort = (hop: string): string =>
  /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(hop)?.[1] ?? /^\[([^\]]+)\](?::\d+)?$/.exec(hop)?.[1] ?? hop;

/**
 * The caller's address. The socket's peer, unless the peer is a trusted proxy (TRUSTED_PROXIES):
 * then the right-most X-Forwarded-For hop that is not a trusted proxy, since each proxy appends
 * the address it received the request from and everything left of that is the client's own say.
 */
export function clientIp(headers: Headers, trustedProxies: BlockList = configuredProxies()): string {
  const peer = normalizeAddress(headers.get(PEER_ADDRESS_HEADER) ?? "");
  if (!isIpAddress(peer)) return "unknown";
  if (!isTrusted(trustedProxies, peer)) return peer;
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => normalizeAddress(withoutPort(hop.trim())))
    .filter(Boolean);
  for (let index = hops.length - 1; index >= 0; index--) {
    const hop = hops[index] ?? "";
    if (!isIpAddress(hop)) return "unknown";
    if (!isTrusted(trustedProxies, hop)) return hop;
  }
  return hops[0] ?? peer;
}

/** The eight 16-bit groups of an IPv6 address ("2001:db8::1" -> [0x2001, 0xdb8, 0, ..., 1]). */
function ipv6Groups(address: string): number[] {
  // URL parsing canonicalizes the address (an embedded IPv4 tail becomes two hex groups)
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const [head = "", tail] = canonical.split("::");
  const parse = (part: string | undefined) =>
    part ? part.split(":").map((group) => Number.parseInt(group, 16)) : [];
  const left = parse(head);
  const right = parse(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/**
 * The address block a caller is limited as (sign-in and sign-up limits). One IPv6 subscriber
 * usually holds a whole /64 (SLAAC and privacy addresses pick the low 64 bits freely), so counting
 * IPv6 addresses one by one would give each attacker 2^64 fresh allowances: an IPv6 address
 * counts as its /64 ("2001:db8:1:2::/64"); an IPv4 address, and "unknown", as themselves.
 */
export function rateLimitAddress(ip: string): string {
  const address = normalizeAddress(ip).replace(/%.*$/, "");
  if (isIP(address) !== 6) return address;
  const prefix = ipv6Groups(address)
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(":");
  return `${prefix}::/64`;
}
