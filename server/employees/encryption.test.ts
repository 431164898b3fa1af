import { describe, expect, it } from "vitest";
import {
  blindIndex,
  blindIndexCandidates,
  generateKeyEntry,
  keyIdOf,
  open,
  parseKeyring,
  seal,
} from "./encryption";

const oldKey = generateKeyEntry("k1");
const newKey = generateKeyEntry("k2");

describe("sealing personal data", () => {
  it("opens what it sealed, naming the key in the envelope and never the value", () => {
    const keyring = parseKeyring(oldKey);
    const sealed = seal(keyring, "t:e:phone", "+1 555 010 0199");
    expect(sealed).toMatch(/^v1:k1:[\w-]+:[\w-]+:[\w-]+$/);
    expect(sealed).not.toContain("555");
    expect(keyIdOf(sealed)).toBe("k1");
    expect(open(keyring, "t:e:phone", sealed)).toBe("+1 555 010 0199");
  });

  it("seals differently each time (a fresh nonce), so equal values do not look equal", () => {
    const keyring = parseKeyring(oldKey);
    expect(seal(keyring, "c", "same")).not.toBe(seal(keyring, "c", "same"));
  });

  it("refuses a value moved to another record or field, or tampered with", () => {
    const keyring = parseKeyring(oldKey);
    const sealed = seal(keyring, "tenant:alice:nationalId", "AB123456C");
    expect(() => open(keyring, "tenant:bob:nationalId", sealed)).toThrow(/integrity check/);
    const parts = sealed.split(":");
    parts[4] = `${parts[4]?.startsWith("A") ? "B" : "A"}${parts[4]?.slice(1)}`;
    expect(() => open(keyring, "tenant:alice:nationalId", parts.join(":"))).toThrow(/integrity check/);
  });

  it("reads old values after a key is added, and seals new ones under the newest", () => {
    const before = parseKeyring(oldKey);
    const sealed = seal(before, "c", "1990-02-03");
    const after = parseKeyring(`${oldKey},${newKey}`);
    expect(open(after, "c", sealed)).toBe("1990-02-03");
    expect(keyIdOf(seal(after, "c", "1990-02-03"))).toBe("k2");
    expect(() => open(parseKeyring(newKey), "c", sealed)).toThrow(/key "k1", which is not configured/);
  });

  it("explains a bad key list without echoing the key", () => {
    expect(() => parseKeyring("k1:c2hvcnQ=")).toThrow("key k1 must be 32 bytes, base64-encoded");
    expect(() => parseKeyring(`${oldKey},${oldKey}`)).toThrow("key id k1 appears twice");
    expect(() => parseKeyring("no key here")).toThrow(/entry 1 must be id:base64key/);
    try {
      parseKeyring("k1:c2hvcnQ=");
    } catch (error) {
      expect((error as Error).message).not.toContain("c2hvcnQ=");
    }
  });
});

describe("blind index", () => {
  it("matches the same value in the same scope only, and offers every key's index during a rotation", () => {
    const keyring = parseKeyring(`${oldKey},${newKey}`);
    const index = blindIndex(keyring, "tenant-a:personalEmail", "ana@example.com");
    expect(blindIndex(keyring, "tenant-a:personalEmail", "ana@example.com")).toBe(index);
    expect(blindIndex(keyring, "tenant-b:personalEmail", "ana@example.com")).not.toBe(index);
    expect(index).not.toContain("ana");
    const older = blindIndex(parseKeyring(oldKey), "tenant-a:personalEmail", "ana@example.com");
    expect(blindIndexCandidates(keyring, "tenant-a:personalEmail", "ana@example.com")).toEqual([
      older,
      index,
    ]);
  });
});
