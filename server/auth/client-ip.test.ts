import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { clientIp, PEER_ADDRESS_HEADER, rateLimitAddress, recordPeerAddresses } from "./client-ip";
import { parseTrustedProxies } from "./trusted-proxies";

const none = parseTrustedProxies("").list;
const proxies = parseTrustedProxies("10.0.0.0/8, 192.168.1.7").list;
const headers = (peer: string, forwardedFor?: string) =>
  new Headers({ [PEER_ADDRESS_HEADER]: peer, ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}) });

/** Serves one request per call and answers what clientIp() makes of it, as a route handler would. */
async function addressSeenBy(send: Record<string, string>): Promise<string> {
  recordPeerAddresses();
  const server = createServer((req: IncomingMessage, res) => {
    const seen = new Headers();
    for (const [key, value] of Object.entries(req.headers))
      if (typeof value === "string") seen.set(key, value);
    res.end(clientIp(seen, none));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return await (await fetch(`http://127.0.0.1:${port}/`, { headers: send })).text();
  } finally {
    server.close();
  }
}

describe("clientIp", () => {
  it("ignores forwarded headers a client makes up, and answers its socket address", async () => {
    const seen = new Set<string>();
    for (let i = 1; i <= 10; i++) {
      seen.add(
        await addressSeenBy({
          "x-forwarded-for": `203.0.113.${i}`,
          "x-real-ip": `198.51.100.${i}`,
          [PEER_ADDRESS_HEADER]: `192.0.2.${i}`,
        }),
      );
    }
    expect([...seen]).toEqual(["127.0.0.1"]);
  });

  it("with no trusted proxies, is the peer whatever X-Forwarded-For says", () => {
    expect(clientIp(headers("::ffff:198.51.100.4", "203.0.113.9"), none)).toBe("198.51.100.4");
  });

  it("behind trusted proxies, is the right-most hop that is not one of them", () => {
    expect(clientIp(headers("10.1.2.3", "1.1.1.1, 198.51.100.4, 192.168.1.7"), proxies)).toBe("198.51.100.4");
    expect(clientIp(headers("10.1.2.3", "198.51.100.4:5555"), proxies)).toBe("198.51.100.4");
    // a proxy not on the list is where trust ends, whatever it forwarded
    expect(clientIp(headers("203.0.113.50", "1.1.1.1"), proxies)).toBe("203.0.113.50");
    expect(clientIp(headers("10.1.2.3", "not-an-ip, 10.0.0.2"), proxies)).toBe("unknown");
    expect(clientIp(headers("10.1.2.3"), proxies)).toBe("10.1.2.3");
  });

  it("without a recorded peer, counts the caller as unknown rather than trusting headers", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.9" }), none)).toBe("unknown");
  });
});

describe("parseTrustedProxies", () => {
  it("reads addresses and CIDR ranges, and names what it cannot read", () => {
    expect(parseTrustedProxies("10.0.0.0/8, ::1, fd00::/8").invalid).toEqual([]);
    expect(parseTrustedProxies("10.0.0.0/33,proxy.internal,1.2.3.4/8/2").invalid).toEqual([
      "10.0.0.0/33",
      "proxy.internal",
      "1.2.3.4/8/2",
    ]);
  });
});

describe("rateLimitAddress", () => {
  it("counts an IPv6 address as its /64, however it is written", () => {
    expect(rateLimitAddress("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(rateLimitAddress("2001:0DB8:0001:0002:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(rateLimitAddress("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(rateLimitAddress("::1")).toBe("0:0:0:0::/64");
    expect(rateLimitAddress("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(rateLimitAddress("64:ff9b:1:2:3:4:1.2.3.4")).toBe("64:ff9b:1:2::/64");
  });

  it("keeps IPv4 addresses (also IPv4-mapped ones) and unknown callers as they are", () => {
    expect(rateLimitAddress("203.0.113.7")).toBe("203.0.113.7");
    expect(rateLimitAddress("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(rateLimitAddress("unknown")).toBe("unknown");
  });
});
