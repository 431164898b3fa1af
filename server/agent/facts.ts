import { createHash } from "node:crypto";
import type { ChassisType, CheckIn, SoftwareEntry } from "./payload";
import { compareVersions, versionKey } from "./version-key";

/**
 * The facts of a device kept between check-ins: what it is (hardware, OS, interfaces, agent), not
 * what it is doing (addresses, users, uptime, which change all the time and are kept as plain
 * columns without history). Their hash decides whether a check-in changed anything.
 */
export type DeviceFacts = {
  agentVersion: string;
  hostname: string;
  hardware: NonNullable<CheckIn["hardware"]> | null;
  os: NonNullable<CheckIn["os"]> | null;
  network: Array<{ name: string; mac: string | null }>;
  errors: Array<{ collector: string; message: string }>;
};

export type NormalizedSoftware = {
  name: string;
  version: string;
  versionKey: string;
  publisher: string | null;
  source: SoftwareEntry["source"];
};

const MAC = /^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$/i;
/** Interfaces without a real MAC (loopback, tunnels) identify nothing. */
const normalizeMac = (mac: string | undefined): string | null => {
  if (!mac || !MAC.test(mac)) return null;
  const normalized = mac.toLowerCase().replaceAll("-", ":");
  return normalized === "00:00:00:00:00:00" ? null : normalized;
};

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function factsOf(payload: CheckIn): DeviceFacts {
  const hardware = payload.hardware
    ? {
        ...payload.hardware,
        disks: payload.hardware.disks ? [...payload.hardware.disks].sort(byName) : undefined,
      }
    : null;
  return {
    agentVersion: payload.agentVersion,
    hostname: payload.hostname,
    hardware,
    os: payload.os ?? null,
    network: (payload.network ?? [])
      .map((nic) => ({ name: nic.name, mac: normalizeMac(nic.mac) }))
      .sort(byName),
    errors: payload.errors ?? [],
  };
}

/** The distinct real MACs of a device, sorted: what matching by MAC compares. */
export const macsOf = (facts: Pick<DeviceFacts, "network">): string[] =>
  [...new Set(facts.network.flatMap((nic) => (nic.mac ? [nic.mac] : [])))].sort();

/** JSON with keys sorted at every level, so equal facts always hash alike. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
export const factsHash = (facts: DeviceFacts): string => sha256(canonical(facts));

const GIB = 1024 ** 3;
export function formatBytes(bytes: number | null | undefined): string | null {
  if (bytes === null || bytes === undefined) return null;
  if (bytes >= 1024 * GIB) return `${Math.round((bytes / (1024 * GIB)) * 10) / 10} TB`;
  if (bytes >= GIB) return `${Math.round((bytes / GIB) * 10) / 10} GB`;
  return `${Math.round(bytes / 1024 ** 2)} MB`;
}

/**
 * The facts people track in an asset's history, each as one readable value ("32 GB", "Debian
 * GNU/Linux 12"): a hardware or OS change is a difference here. The agent's own version, errors
 * and interface names are not tracked.
 */
export function trackedFacts(facts: DeviceFacts | null): Record<string, string | null> {
  const hw = facts?.hardware;
  const os = facts?.os;
  const cpu = hw?.cpu
    ? [
        hw.cpu.model,
        hw.cpu.cores ? `${hw.cpu.cores} cores` : null,
        hw.cpu.threads ? `${hw.cpu.threads} threads` : null,
      ]
        .filter(Boolean)
        .join(", ") || null
    : null;
  const disks = hw?.disks?.length
    ? hw.disks.map((disk) => [disk.name, formatBytes(disk.sizeBytes)].filter(Boolean).join(" ")).join(", ")
    : null;
  const macs = facts ? macsOf(facts) : [];
  return {
    hostname: facts?.hostname ?? null,
    serial: hw?.serial ?? null,
    vendor: hw?.vendor ?? null,
    model: hw?.model ?? null,
    chassisType: hw?.chassisType ?? null,
    cpu,
    memory: formatBytes(hw?.memoryBytes),
    disks,
    os: os ? [os.name ?? os.family, os.version].filter(Boolean).join(" ") : null,
    kernel: os?.kernel ?? null,
    arch: os?.arch ?? null,
    macs: macs.length ? macs.join(", ") : null,
  };
}

/** Each tracked fact that differs, with its before and after; empty when nothing tracked changed. */
export function diffFacts(
  before: DeviceFacts | null,
  after: DeviceFacts,
): Record<string, { before: string | null; after: string | null }> {
  const [was, is] = [trackedFacts(before), trackedFacts(after)];
  const changes: Record<string, { before: string | null; after: string | null }> = {};
  for (const key of Object.keys(is)) {
    if (was[key] !== is[key]) changes[key] = { before: was[key] ?? null, after: is[key] ?? null };
  }
  return changes;
}

/** A package as its software hash sees it: everything but its version key. */
export type ReportedPackage = Omit<NormalizedSoftware, "versionKey">;

/**
 * One entry per package and source (what asset_software keeps): a package listed twice (rpm keeps
 * several kernels) is kept at its newest version. Only those duplicates have their versions
 * compared, so this is what the software hash of a check-in that changes nothing costs; the
 * version key of every package (withVersionKeys) is built only for a check-in that changed.
 */
export function latestSoftware(entries: readonly SoftwareEntry[]): ReportedPackage[] {
  const byKey = new Map<string, ReportedPackage>();
  for (const entry of entries) {
    const version = entry.version ?? "";
    const key = `${entry.source}\t${entry.name}`;
    const existing = byKey.get(key);
    if (existing && compareVersions(existing.version, version) >= 0) continue;
    byKey.set(key, { name: entry.name, version, publisher: entry.publisher ?? null, source: entry.source });
  }
  return [...byKey.values()].sort((a, b) => (a.source + a.name < b.source + b.name ? -1 : 1));
}

/** The packages of `latestSoftware` with their sortable version keys, as asset_software stores them. */
export const withVersionKeys = (software: readonly ReportedPackage[]): NormalizedSoftware[] =>
  software.map((entry) => ({ ...entry, versionKey: versionKey(entry.version) }));

export const softwareHash = (software: readonly ReportedPackage[]): string =>
  sha256(software.map((s) => `${s.source}\t${s.name}\t${s.version}\t${s.publisher ?? ""}`).join("\n"));

export type SoftwareRow = { name: string; source: string; version: string; publisher: string | null };
export type SoftwareDiff = {
  installed: NormalizedSoftware[];
  removed: SoftwareRow[];
  updated: Array<{ from: SoftwareRow; to: NormalizedSoftware }>;
};

/** What changed between what an asset had and what its device reports now. */
export function diffSoftware(
  before: readonly SoftwareRow[],
  after: readonly NormalizedSoftware[],
): SoftwareDiff {
  const key = (s: { name: string; source: string }) => `${s.source}\t${s.name}`;
  const old = new Map(before.map((row) => [key(row), row]));
  const diff: SoftwareDiff = { installed: [], removed: [], updated: [] };
  for (const entry of after) {
    const was = old.get(key(entry));
    old.delete(key(entry));
    if (!was) diff.installed.push(entry);
    else if (was.version !== entry.version || (was.publisher ?? null) !== entry.publisher)
      diff.updated.push({ from: was, to: entry });
  }
  diff.removed = [...old.values()];
  return diff;
}

export const isEmptyDiff = (diff: SoftwareDiff) =>
  diff.installed.length + diff.removed.length + diff.updated.length === 0;

/**
 * The category names a chassis type suggests, most likely first (matched against the tenant's
 * categories by normalized name); the first is created when the tenant has none of them.
 */
export const chassisCategories: Record<ChassisType, readonly string[]> = {
  laptop: ["Laptops", "Laptop", "Notebooks"],
  desktop: ["Desktops", "Desktop", "Workstations"],
  server: ["Servers", "Server"],
  virtual: ["Virtual machines", "Servers"],
  tablet: ["Tablets", "Tablet"],
  other: ["Computers", "Other"],
};
