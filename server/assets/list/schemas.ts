/**
 * The asset list's shapes: its input (kept free of Kysely, so the browser imports it through
 * url.ts) and its page.
 */
import { z } from "zod";
import { page, searchText } from "../../schemas/primitives";
import { statusKinds } from "../lifecycle";
import { AssetStatus } from "../output";

export const assetSorts = ["created", "tag", "name", "warranty_end", "purchase_date"] as const;

/** The longest search the asset list takes (its search boxes count toward it). */
export const ASSET_SEARCH_MAX = 200;

export const AssetListInput = z.object({
  q: searchText(ASSET_SEARCH_MAX).optional(),
  statusIds: z.array(z.uuid()).max(50).optional(),
  kinds: z.array(z.enum(statusKinds)).max(8).optional(),
  categoryIds: z.array(z.uuid()).max(50).optional(),
  locationId: z.uuid().optional(),
  employeeId: z.uuid().optional(),
  /** Warranty ends within this many days (and has not ended yet). */
  warrantyExpiringDays: z.number().int().min(1).max(3650).optional(),
  /** Only assets whose agent has not checked in for the tenant's stale days (Settings -> Agent). */
  agentStale: z.boolean().optional(),
  sort: z.enum(assetSorts).default("created"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  page: page().default(1),
  pageSize: z.number().int().min(10).max(200).default(50),
});
export type AssetListInput = z.input<typeof AssetListInput>;

/** Totals are counted up to this; beyond it the UI says "10,000+". */
export const COUNT_CAP = 10_000;

export const AssetListItem = z.object({
  id: z.string(),
  tag: z.string(),
  name: z.string(),
  serial: z.string().nullable(),
  warrantyEnd: z.string().nullable(),
  purchaseDate: z.string().nullable(),
  cost: z.string().nullable(),
  createdAt: z.date(),
  status: AssetStatus,
  category: z.string(),
  model: z.string().nullable(),
  location: z.string().nullable(),
  employee: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** The asset's active agent device: when it last checked in, and whether that is too long ago. */
  agent: z
    .object({
      lastSeenAt: z.date().nullable(),
      stale: z.boolean(),
      /** Whole days since the last check-in (null: never checked in). */
      daysUnseen: z.number().int().nullable(),
    })
    .nullable(),
});

export const AssetListPage = z.object({
  items: z.array(AssetListItem),
  total: z.number(),
  totalIsCapped: z.boolean(),
  page: z.number(),
  pageSize: z.number(),
  /** The tenant's stale days: the agent filter's label says them ("Not seen for 14+ days"). */
  agentStaleDays: z.number().int(),
});
