import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { IntegrationError } from "./hris/adapter";

/**
 * The only HTTP client adapters get (SSRF guard): an admin types a base URL or an Okta org URL, and
 * without this the server would fetch whatever it names — the metadata service, the database, an
 * internal admin page — on the admin's behalf. Every request (and every redirect, followed here by
 * hand) must be https to a host whose every address is public, unless private hosts are allowed
 * (INTEGRATIONS_ALLOW_PRIVATE_HOSTS: local fakes, on-premises sandboxes).
 */

const ALLOW_HINT = "set INTEGRATIONS_ALLOW_PRIVATE_HOSTS=true to allow it";
const MAX_REDIRECTS = 5;

const blocked = new BlockList();
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
  blocked.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
  ["2001:db8::", 32],
] as const) {
  blocked.addSubnet(network, prefix, "ipv6");
}

/** Whether an IP address is loopback, private, link-local or otherwise not on the public internet. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return blocked.check(mapped[1], "ipv4");
  return blocked.check(address, "ipv6");
}

export type GuardOptions = {
  allowPrivateHosts: boolean;
  /** DNS resolution (tests pass their own); false checks literal addresses only (saving a form). */
  resolve?: ((host: string) => Promise<string[]>) | false;
};

const resolveAll = async (host: string) => (await lookup(host, { all: true })).map((entry) => entry.address);

function refuse(message: string): never {
  throw new IntegrationError("not_found", message);
}

/**
 * What is wrong with a URL before any DNS lookup: not http(s), credentials in it, plain http or a
 * private host (localhost, a literal private address) when private hosts are not allowed; null
 * when nothing is. Saving a form checks this; every request checks it and the resolved addresses.
 */
export function urlProblem(url: URL, allowPrivateHosts: boolean): string | null {
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return `${url.protocol.replace(/:$/, "")} addresses are not allowed; use an https:// address.`;
  if (url.username || url.password)
    return "Leave credentials out of the address; enter them in their own fields.";
  if (allowPrivateHosts) return null;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (host === "localhost" || host.endsWith(".localhost") || (isIP(host) && isPrivateAddress(host)))
    return `${host} is a private address; ${ALLOW_HINT}.`;
  if (url.protocol !== "https:")
    return `${url.host} must be reached over https; ${ALLOW_HINT} for plain http.`;
  return null;
}

/**
 * Refuses a URL the integration may not call (urlProblem), or whose host resolves to a private
 * address. The message names the host only.
 */
export async function assertAllowedUrl(url: URL, options: GuardOptions): Promise<void> {
  const problem = urlProblem(url, options.allowPrivateHosts);
  if (problem) refuse(problem);
  if (options.allowPrivateHosts || options.resolve === false) return;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) return;
  let addresses: string[];
  try {
    addresses = await (options.resolve ?? resolveAll)(host);
  } catch {
    refuse(`${host} could not be found; check the address.`);
  }
  if (addresses.length === 0 || addresses.some(isPrivateAddress))
    refuse(`${host} is a private address; ${ALLOW_HINT}.`);
}

function withoutCredentials(headers: HeadersInit | undefined): Headers {
  const kept = new Headers(headers);
  for (const name of ["authorization", "proxy-authorization", "cookie"]) kept.delete(name);
  return kept;
}

/** A fetch that checks every URL it is asked for, and every redirect, with assertAllowedUrl. */
export function guardedFetch(options: GuardOptions, base: typeof fetch = fetch): typeof fetch {
  const guarded = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    let url = new URL(input instanceof Request ? input.url : input.toString());
    let request = init ?? {};
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      await assertAllowedUrl(url, options);
      const response = await base(url, { ...request, redirect: "manual" });
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || !location) return response;
      const next = new URL(location, url);
      // Credentials are for the host they were meant for: a redirect to another origin drops them
      // (as the Fetch standard does for Authorization), so a provider cannot hand them elsewhere.
      if (next.origin !== url.origin) request = { ...request, headers: withoutCredentials(request.headers) };
      url = next;
      // 303 (and the old browser habit for 301/302 after a POST) turns the next request into a GET.
      if (
        response.status === 303 ||
        ((response.status === 301 || response.status === 302) && request.method === "POST")
      )
        request = { ...request, method: "GET", body: undefined };
    }
    throw new IntegrationError("bad_response", `${url.host} redirected more than ${MAX_REDIRECTS} times.`);
  };
  return guarded as typeof fetch;
}
