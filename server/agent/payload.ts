import { z } from "zod";
import { safeString } from "../schemas/primitives";

/**
 * What the agent sends on every check-in (the contract with agent/, the Go CLI). The JSON Schema
 * the Go side tests against is generated from this one (`npm run agent:schema` writes
 * agent/checkin.schema.json; a test fails when the two drift apart). A collector that fails leaves
 * its fields out and says why in `errors`, so every section but the hostname is optional.
 */
export const LIMITS = {
  /** Body size, compressed or not (a gzip body is also measured after decompression). */
  bodyBytes: 2 * 1024 * 1024,
  software: 20_000,
  network: 64,
  text: 512,
} as const;

/** Any text a device reports: no control characters nor broken ones, which the database refuses. */
const text = safeString().max(LIMITS.text);
const count = z.number().int().min(0);

export const chassisTypes = ["laptop", "desktop", "server", "virtual", "tablet", "other"] as const;
export const softwareSources = ["dpkg", "rpm", "brew", "pkgutil", "msi", "registry", "other"] as const;
export const osFamilies = ["linux", "darwin", "windows"] as const;

export const Hardware = z.object({
  serial: text.optional(),
  vendor: text.optional(),
  model: text.optional(),
  chassisType: z.enum(chassisTypes).optional(),
  cpu: z.object({ model: text.optional(), cores: count.optional(), threads: count.optional() }).optional(),
  memoryBytes: count.optional(),
  disks: z
    .array(
      z.object({
        name: text,
        sizeBytes: count.optional(),
        model: text.optional(),
        rotational: z.boolean().optional(),
      }),
    )
    .max(LIMITS.network)
    .optional(),
});

export const OperatingSystem = z.object({
  family: z.enum(osFamilies),
  name: text.optional(),
  version: text.optional(),
  kernel: text.optional(),
  arch: text.optional(),
});

export const NetworkInterface = z.object({
  name: text,
  mac: text.optional(),
  ipv4: z.array(text).max(LIMITS.network).optional(),
  ipv6: z.array(text).max(LIMITS.network).optional(),
});

export const SoftwareEntry = z.object({
  name: text.min(1),
  version: text.optional(),
  publisher: text.optional(),
  source: z.enum(softwareSources),
});

export const CheckIn = z.object({
  agentVersion: z
    .string()
    .regex(/^\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]*)?$/, "must be a semantic version like 0.3.0"),
  collectedAt: z.iso.datetime({ offset: true }),
  hostname: text.min(1),
  hardware: Hardware.optional(),
  os: OperatingSystem.optional(),
  network: z.array(NetworkInterface).max(LIMITS.network).optional(),
  users: z
    .object({ current: z.array(text).max(LIMITS.network).optional(), last: text.optional() })
    .optional(),
  uptimeSeconds: count.optional(),
  software: z.array(SoftwareEntry).max(LIMITS.software).optional(),
  errors: z
    .array(z.object({ collector: text, message: text }))
    .max(LIMITS.network)
    .optional(),
});
export type CheckIn = z.infer<typeof CheckIn>;
export type SoftwareEntry = z.infer<typeof SoftwareEntry>;
export type ChassisType = (typeof chassisTypes)[number];

/** What a device says about itself when it enrolls. */
export const EnrollDevice = z.object({
  hostname: text.min(1),
  serial: text.optional(),
  os: text.optional(),
});

/** The JSON Schema of a check-in, as committed at agent/checkin.schema.json. */
export function checkInJsonSchema(): Record<string, unknown> {
  return {
    $id: "https://assetronics.dev/schemas/agent/checkin.schema.json",
    title: "Assetronics agent check-in",
    ...z.toJSONSchema(CheckIn, { target: "draft-2020-12" }),
  };
}
