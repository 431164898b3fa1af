import { describe, expect, it } from "vitest";
import {
  diffFacts,
  diffSoftware,
  factsHash,
  factsOf,
  latestSoftware,
  macsOf,
  softwareHash,
  withVersionKeys,
} from "./facts";
import type { CheckIn } from "./payload";

const base: CheckIn = {
  agentVersion: "0.3.0",
  collectedAt: "2026-12-05T10:00:00Z",
  hostname: "pc-042",
  hardware: {
    serial: "PF3ABC12",
    cpu: { model: "Intel i7", cores: 8, threads: 16 },
    memoryBytes: 16 * 1024 ** 3,
    disks: [{ name: "nvme0n1", sizeBytes: 512 * 1024 ** 3 }],
  },
  os: { family: "linux", name: "Debian GNU/Linux", version: "12", kernel: "6.1.0-13-amd64", arch: "amd64" },
  network: [
    { name: "lo", mac: "00:00:00:00:00:00", ipv4: ["127.0.0.1"] },
    { name: "eth0", mac: "AA:BB:CC:DD:EE:FF", ipv4: ["10.0.0.5"] },
  ],
  users: { current: ["alice"], last: "alice" },
  uptimeSeconds: 100,
};

describe("device facts", () => {
  it("hash alike when only addresses, users, uptime or time changed", () => {
    const moved = {
      ...base,
      collectedAt: "2026-12-05T11:00:00Z",
      uptimeSeconds: 9999,
      users: { last: "bob" },
      network: [
        { name: "eth0", mac: "aa:bb:cc:dd:ee:ff", ipv4: ["10.0.0.99"] },
        { name: "lo", mac: "00:00:00:00:00:00" },
      ],
    };
    expect(factsHash(factsOf(moved))).toBe(factsHash(factsOf(base)));
  });

  it("keeps only real MACs, lower-cased", () => {
    expect(macsOf(factsOf(base))).toEqual(["aa:bb:cc:dd:ee:ff"]);
  });

  it("names each tracked change with before and after", () => {
    const upgraded = {
      ...base,
      hardware: { ...base.hardware, memoryBytes: 32 * 1024 ** 3 },
      os: { ...base.os, version: "13" } as CheckIn["os"],
    };
    expect(diffFacts(factsOf(base), factsOf(upgraded))).toEqual({
      memory: { before: "16 GB", after: "32 GB" },
      os: { before: "Debian GNU/Linux 12", after: "Debian GNU/Linux 13" },
    });
    expect(diffFacts(factsOf(base), factsOf(base))).toEqual({});
  });
});

describe("software", () => {
  it("keeps the newest version of a package listed twice", () => {
    const list = latestSoftware([
      { name: "kernel", version: "5.14.0-10", source: "rpm" },
      { name: "kernel", version: "5.14.0-9", source: "rpm" },
    ]);
    expect(list).toHaveLength(1);
    expect(list[0]?.version).toBe("5.14.0-10");
  });

  it("diffs installed, removed and updated packages", () => {
    const after = withVersionKeys(
      latestSoftware([
        { name: "zoom", version: "6.1.0", source: "dpkg" },
        { name: "curl", version: "7.88", source: "dpkg" },
      ]),
    );
    const diff = diffSoftware(
      [
        { name: "zoom", version: "5.17.1", source: "dpkg", publisher: null },
        { name: "vim", version: "9.0", source: "dpkg", publisher: null },
      ],
      after,
    );
    expect(diff.installed.map((s) => s.name)).toEqual(["curl"]);
    expect(diff.removed.map((s) => s.name)).toEqual(["vim"]);
    expect(diff.updated.map((u) => [u.from.version, u.to.version])).toEqual([["5.17.1", "6.1.0"]]);
  });

  it("hashes the packages without their version keys, as the devices' stored hashes were made", () => {
    const reported = latestSoftware([
      { name: "zoom", version: "6.1.0", publisher: "Zoom", source: "dpkg" },
      { name: "curl", version: "7.88", source: "dpkg" },
      { name: "zoom", version: "5.17.1", publisher: "Zoom", source: "dpkg" },
    ]);
    // source, name, version and publisher of each package, sorted: a stored hash still matches
    const stored = "c7123b335d5f94c5a7856c3f9ece6556390ab5c72841501fe1aad1a26d33176a";
    expect(softwareHash(reported)).toBe(stored);
    expect(softwareHash(withVersionKeys(reported))).toBe(stored);
  });
});
