import { z } from "zod";
import { assetTextLimits } from "../assets/schemas";
import { id, NAME_MAX, name, searchText } from "../schemas/primitives";

export const unknownDevicePolicies = ["review", "create_in_stock"] as const;
export const deviceStatuses = ["pending_review", "linked", "ignored"] as const;

export const AgentSettings = z.object({
  unknownDevices: z.enum(unknownDevicePolicies),
  staleDays: z.number().int().min(1, "At least 1 day").max(365, "At most 365 days"),
});
export type AgentSettings = z.infer<typeof AgentSettings>;

export const CreateEnrollmentTokenInput = z.object({
  name: name({ max: NAME_MAX, minMessage: "Name the token (where it will be used, e.g. Berlin laptops)" }),
  expiresInDays: z.number().int().min(1, "At least 1 day").max(365, "At most 365 days"),
});
export type CreateEnrollmentTokenInput = z.infer<typeof CreateEnrollmentTokenInput>;

export const TokenIdInput = z.object({ tokenId: id() });
export const DeviceIdInput = z.object({ deviceId: id() });

export const AcceptDeviceInput = z.object({
  deviceId: id(),
  categoryId: id("Choose a category"),
  name: name({ max: assetTextLimits.name, minMessage: "Name the asset" }).optional(),
});
export type AcceptDeviceInput = z.infer<typeof AcceptDeviceInput>;

export const LinkDeviceInput = z.object({ deviceId: id(), assetId: id("Choose the asset") });
export type LinkDeviceInput = z.infer<typeof LinkDeviceInput>;

export const DeviceListInput = z.object({ status: z.enum(deviceStatuses).optional() }).default({});

/** The software searches' limits: a name's start and a version (their boxes count toward them). */
export const SOFTWARE_SEARCH_MAX = 120;
export const SOFTWARE_VERSION_MAX = 64;

const versionText = z
  .string()
  .trim()
  .max(SOFTWARE_VERSION_MAX)
  .regex(/^[0-9A-Za-z.:+~_-]*$/, "Use a version like 6.0 or 5.17.1")
  .optional();
export const SoftwareSearchInput = z.object({
  name: searchText(SOFTWARE_SEARCH_MAX).min(1, "Type the start of a name, e.g. zoom"),
  below: versionText,
  atLeast: versionText,
  limit: z.number().int().min(1).max(500).default(200),
});
export type SoftwareSearchInput = z.infer<typeof SoftwareSearchInput>;

export const EnrollmentTokenItem = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  expiresAt: z.date(),
  revokedAt: z.date().nullable(),
  uses: z.number(),
  lastUsedAt: z.date().nullable(),
  createdAt: z.date(),
  createdBy: z.string().nullable(),
});
export const CreatedEnrollmentToken = z.object({
  id: z.string(),
  name: z.string(),
  /** Shown once: only its hash is kept. */
  token: z.string(),
  installCommand: z.string(),
  expiresAt: z.date(),
});

export const DeviceItem = z.object({
  id: z.string(),
  hostname: z.string(),
  serial: z.string().nullable(),
  os: z.string().nullable(),
  status: z.enum(deviceStatuses),
  assetId: z.string().nullable(),
  assetTag: z.string().nullable(),
  agentVersion: z.string().nullable(),
  lastSeenAt: z.date().nullable(),
  lastIp: z.string().nullable(),
  lastUser: z.string().nullable(),
  revokedAt: z.date().nullable(),
  stale: z.boolean(),
});

export const DiscoveredDevice = z.object({
  id: z.string(),
  hostname: z.string(),
  serial: z.string().nullable(),
  vendor: z.string().nullable(),
  model: z.string().nullable(),
  chassisType: z.string().nullable(),
  cpu: z.string().nullable(),
  memory: z.string().nullable(),
  os: z.string().nullable(),
  macs: z.array(z.string()),
  softwareCount: z.number(),
  lastSeenAt: z.date().nullable(),
  lastUser: z.string().nullable(),
  suggestedCategoryId: z.string().nullable(),
});

export const AssetAgentView = z.object({
  device: z
    .object({
      id: z.string(),
      hostname: z.string(),
      agentVersion: z.string().nullable(),
      lastSeenAt: z.date().nullable(),
      lastIp: z.string().nullable(),
      lastUser: z.string().nullable(),
      stale: z.boolean(),
      /** Whole days since its last check-in (null: it never checked in). */
      daysUnseen: z.number().int().nullable(),
      facts: z.record(z.string(), z.string().nullable()),
      errors: z.array(z.object({ collector: z.string(), message: z.string() })),
    })
    .nullable(),
  /** The one employee whose username matches the device's last user, when nobody holds the asset. */
  suggestedEmployee: z.object({ id: z.string(), name: z.string() }).nullable(),
  softwareCount: z.number(),
});

export const AssetSoftwareInput = z.object({
  assetId: id(),
  q: searchText(SOFTWARE_SEARCH_MAX).optional(),
  limit: z.number().int().min(1).max(1000).default(200),
});
export const AssetSoftwareItem = z.object({
  name: z.string(),
  version: z.string(),
  publisher: z.string().nullable(),
  source: z.string(),
});

export const SoftwareSearchItem = z.object({
  assetId: z.string(),
  tag: z.string(),
  assetName: z.string(),
  name: z.string(),
  version: z.string(),
  source: z.string(),
});

export const AgentOverview = z.object({
  settings: AgentSettings,
  staleCount: z.number(),
  pendingCount: z.number(),
});
