import { BlockList, isIP } from "node:net";

/** "::ffff:10.0.0.1" (an IPv4 peer on a dual-stack socket) is 10.0.0.1. */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return (mapped?.[1] ?? trimmed).toLowerCase();
}

const familyOf = (address: string): "ipv4" | "ipv6" | null => {
  const version = isIP(address);
  return version === 4 ? "ipv4" : version === 6 ? "ipv6" : null;
};

/**
 * Parses TRUSTED_PROXIES: comma-separated addresses or CIDR ranges ("10.0.0.0/8, 192.168.1.7,
 * fd00::/8"). Returns the entries it could not read, so env validation can name them.
 */
export function parseTrustedProxies(value: string | undefined): { list: BlockList; invalid: string[] } {
  const list = new BlockList();
  const invalid: string[] = [];
  for (const entry of (value ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [address = "", prefix, ...rest] = entry.split("/");
    const normalized = normalizeAddress(address);
    const family = familyOf(normalized);
    const bits = prefix === undefined ? null : Number(prefix);
    const maxBits = family === "ipv4" ? 32 : 128;
    if (
      !family ||
      rest.length > 0 ||
      (bits !== null && !(Number.isInteger(bits) && bits >= 0 && bits <= maxBits))
    ) {
      invalid.push(entry);
    } else if (bits === null) {
      list.addAddress(normalized, family);
    } else {
      list.addSubnet(normalized, bits, family);
    }
  }
  return { list, invalid };
}

/** Whether `address` (already normalized) is one of the trusted proxies. */
export function isTrusted(list: BlockList, address: string): boolean {
  const family = familyOf(address);
  return family !== null && list.check(address, family);
}

export const isIpAddress = (address: string): boolean => familyOf(address) !== null;
