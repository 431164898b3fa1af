import { XMLParser } from "fast-xml-parser";
import type { ChassisType, CheckIn } from "../agent/payload";
import { LIMITS } from "../agent/payload";
import { hasBrokenCharacters, hasControlCharacters } from "../schemas/primitives";

/**
 * The OCS Inventory protocol that stock agents speak (Debian's `ocsinventory-agent`, the Windows
 * and macOS OCS agents): each request is a zlib-compressed XML <REQUEST> with a <QUERY> (PROLOG
 * asks whether to send, INVENTORY carries the machine). This turns an INVENTORY into the same
 * check-in our own agent sends, so matching, change detection and software inventory are one code
 * path. Field names follow the OCS inventory format (BIOS, HARDWARE, CPUS, STORAGES, NETWORKS,
 * SOFTWARES); sizes there are in MB (10^6 bytes) and memory in MiB.
 */

export type OcsRequest =
  | { query: "PROLOG"; deviceId: string }
  | { query: "INVENTORY"; deviceId: string; content: Record<string, unknown> }
  | { query: string; deviceId: string };

const parser = new XMLParser({
  ignoreAttributes: true,
  // Every value stays text: a serial of digits or a version like "1.10" must not become a number.
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  // Repeated sections (CPUS, SOFTWARES, ...) come as one object or an array; listOf reads both.
});

export class OcsProtocolError extends Error {}

/** Reads an OCS request body (already inflated). Throws OcsProtocolError on anything else. */
export function parseOcsRequest(xml: string): OcsRequest {
  let document: { REQUEST?: Record<string, unknown> };
  try {
    document = parser.parse(xml);
  } catch {
    throw new OcsProtocolError("The body is not well-formed XML.");
  }
  const request = document.REQUEST;
  if (!request || typeof request !== "object") throw new OcsProtocolError("Expected a <REQUEST> element.");
  const query = textOf(request.QUERY)?.toUpperCase();
  const deviceId = textOf(request.DEVICEID);
  if (!query) throw new OcsProtocolError("The request has no <QUERY>.");
  if (!deviceId) throw new OcsProtocolError("The request has no <DEVICEID>.");
  if (deviceId.length > LIMITS.text) throw new OcsProtocolError("The <DEVICEID> is too long.");
  // stored as the device's key: text the database refuses is a 400 here, not a 500 at the insert
  if (hasControlCharacters(deviceId) || hasBrokenCharacters(deviceId)) {
    throw new OcsProtocolError("The <DEVICEID> holds control or broken characters.");
  }
  if (query === "INVENTORY") {
    const content = request.CONTENT;
    if (!content || typeof content !== "object")
      throw new OcsProtocolError("The inventory has no <CONTENT>.");
    return { query, deviceId, content: content as Record<string, unknown> };
  }
  return { query, deviceId };
}

/** The reply an OCS agent expects, as XML (the route compresses it). */
export const ocsReply = (response: string, extra: Record<string, string | number> = {}): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<REPLY>${Object.entries({ RESPONSE: response, ...extra })
    .map(([tag, value]) => `<${tag}>${escapeXml(String(value))}</${tag}>`)
    .join("")}</REPLY>\n`;

const escapeXml = (value: string) =>
  value.replace(
    /[<>&'"]/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c] ?? c,
  );

/** The agent's version from its User-Agent ("OCS-NG_unified_unix_agent_v2.10.0"), as semver. */
export function ocsAgentVersion(userAgent: string | null): string {
  const match = userAgent?.match(/v(\d+)\.(\d+)(?:\.(\d+))?/);
  return match ? `${match[1]}.${match[2]}.${match[3] ?? "0"}` : "0.0.0";
}

const textOf = (value: unknown): string | undefined => {
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed.slice(0, LIMITS.text);
};
const listOf = (value: unknown): Record<string, unknown>[] =>
  (Array.isArray(value) ? value : value ? [value] : []).filter(
    (item): item is Record<string, unknown> => typeof item === "object" && item !== null,
  );
const sectionOf = (content: Record<string, unknown>, name: string): Record<string, unknown> =>
  listOf(content[name])[0] ?? {};
const numberOf = (value: unknown): number | undefined => {
  const text = textOf(value);
  if (!text) return undefined;
  const number = Number(text.replace(/[^\d.]/g, ""));
  return Number.isFinite(number) ? number : undefined;
};

/** SMBIOS chassis names as OCS reports them (BIOS TYPE), and its VMSYSTEM for virtual machines. */
export function chassisOf(
  biosType: string | undefined,
  vmSystem: string | undefined,
): ChassisType | undefined {
  if (vmSystem && !/^physical$/i.test(vmSystem)) return "virtual";
  if (!biosType) return undefined;
  const type = biosType.toLowerCase();
  if (/notebook|laptop|portable|convertible|detachable|hand ?held/.test(type)) return "laptop";
  if (/tablet/.test(type)) return "tablet";
  if (/rack|server|blade|multi-system/.test(type)) return "server";
  if (/desktop|tower|all in one|mini pc|space-saving|lunch box|stick pc/.test(type)) return "desktop";
  return "other";
}

function osFamilyOf(name: string | undefined): "linux" | "darwin" | "windows" {
  if (name && /windows/i.test(name)) return "windows";
  if (name && /mac ?os|darwin|os x/i.test(name)) return "darwin";
  return "linux";
}

const softwareSource = (from: string | undefined): "dpkg" | "rpm" | "msi" | "registry" | "other" => {
  switch (from?.toLowerCase()) {
    case "deb":
      return "dpkg";
    case "rpm":
      return "rpm";
    case "msi":
      return "msi";
    case "registry":
    case "win32":
      return "registry";
    default:
      return "other";
  }
};

/** Disks worth keeping: not RAM disks, loop devices or compressed swap. */
const isRealDisk = (name: string) => !/^(loop|ram|zram|sr|fd)\d*/.test(name);

/** An OCS INVENTORY's content as our check-in. A section the agent could not read is left out, with the reason. */
export function checkInFromOcs(
  content: Record<string, unknown>,
  options: { userAgent: string | null; receivedAt: Date },
): CheckIn {
  const hardware = sectionOf(content, "HARDWARE");
  const bios = sectionOf(content, "BIOS");
  const errors: NonNullable<CheckIn["errors"]> = [];
  const hostname = textOf(hardware.NAME) ?? "unknown";

  const cpus = listOf(content.CPUS);
  const cores = cpus.reduce((sum, cpu) => sum + (numberOf(cpu.CORES) ?? 0), 0);
  const threads = cpus.reduce(
    (sum, cpu) => sum + (numberOf(cpu.LOGICAL_CPUS) ?? numberOf(cpu.THREADS) ?? 0),
    0,
  );
  const memoryMiB = numberOf(hardware.MEMORY);
  const disks = listOf(content.STORAGES)
    .filter((disk) => /disk/i.test(textOf(disk.TYPE) ?? "disk"))
    .map((disk) => ({
      name: textOf(disk.NAME) ?? "disk",
      size: numberOf(disk.DISKSIZE),
      model: textOf(disk.MODEL),
    }))
    .filter((disk) => isRealDisk(disk.name))
    .slice(0, LIMITS.network)
    .map((disk) => ({
      name: disk.name,
      ...(disk.size ? { sizeBytes: Math.round(disk.size * 1_000_000) } : {}),
      ...(disk.model ? { model: disk.model } : {}),
    }));

  const serial = textOf(bios.SSN);
  const vendor = textOf(bios.SMANUFACTURER);
  const model = textOf(bios.SMODEL);
  if (!serial && !vendor && !model) {
    errors.push({
      collector: "hardware",
      message: "The OCS agent sent no BIOS details (it reads them with dmidecode, as root).",
    });
  }
  const chassisType = chassisOf(textOf(bios.TYPE), textOf(hardware.VMSYSTEM));

  const osName = textOf(hardware.OSNAME);
  const description = textOf(hardware.DESCRIPTION);
  const arch = description?.split("/")[0];

  const network = listOf(content.NETWORKS)
    .map((nic) => ({
      name: textOf(nic.DESCRIPTION) ?? "interface",
      mac: textOf(nic.MACADDR),
      ipv4: [textOf(nic.IPADDRESS)].filter((ip): ip is string => !!ip && ip.includes(".")),
      ipv6: [textOf(nic.IPADDRESS)].filter((ip): ip is string => !!ip && ip.includes(":")),
    }))
    .filter((nic) => nic.name !== "lo" && nic.mac !== "00:00:00:00:00:00")
    .slice(0, LIMITS.network)
    .map((nic) => ({
      name: nic.name,
      ...(nic.mac ? { mac: nic.mac.toLowerCase() } : {}),
      ipv4: nic.ipv4,
      ipv6: nic.ipv6,
    }));

  const current = listOf(content.USERS)
    .map((user) => textOf(user.LOGIN))
    .filter((login): login is string => !!login)
    .slice(0, LIMITS.network);
  const last = textOf(hardware.LASTLOGGEDUSER);

  const softwareSection = content.SOFTWARES;
  const software = listOf(softwareSection)
    .map((entry) => ({
      name: textOf(entry.NAME),
      version: textOf(entry.VERSION),
      publisher: textOf(entry.PUBLISHER),
      source: softwareSource(textOf(entry.FROM)),
    }))
    .filter(
      (
        entry,
      ): entry is {
        name: string;
        version: string | undefined;
        publisher: string | undefined;
        source: ReturnType<typeof softwareSource>;
      } => !!entry.name,
    )
    .slice(0, LIMITS.software)
    .map(({ name, version, publisher, source }) => ({
      name,
      source,
      ...(version ? { version } : {}),
      ...(publisher ? { publisher } : {}),
    }));

  return {
    agentVersion: ocsAgentVersion(options.userAgent),
    collectedAt: options.receivedAt.toISOString(),
    hostname,
    hardware: {
      ...(serial ? { serial } : {}),
      ...(vendor ? { vendor } : {}),
      ...(model ? { model } : {}),
      ...(chassisType ? { chassisType } : {}),
      ...(cpus.length > 0
        ? {
            cpu: {
              ...(textOf(cpus[0]?.TYPE) ? { model: textOf(cpus[0]?.TYPE) } : {}),
              ...(cores ? { cores } : {}),
              ...(threads ? { threads } : {}),
            },
          }
        : {}),
      ...(memoryMiB ? { memoryBytes: Math.round(memoryMiB * 1024 * 1024) } : {}),
      ...(disks.length > 0 ? { disks } : {}),
    },
    os: {
      family: osFamilyOf(osName),
      ...(osName ? { name: osName } : {}),
      ...(textOf(hardware.OSVERSION) ? { version: textOf(hardware.OSVERSION) } : {}),
      ...(arch ? { arch: arch === "x86_64" ? "amd64" : arch === "aarch64" ? "arm64" : arch } : {}),
    },
    network,
    users: { current, ...(last ? { last } : {}) },
    ...(softwareSection === undefined ? {} : { software }),
    errors,
  };
}
