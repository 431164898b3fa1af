/**
 * The asset list's input, kept apart from its query (list.ts) so the browser can import it
 * without Kysely.
 */
import { z } from "zod";
import { page, searchText } from "../schemas/primitives";
import { statusKinds } from "./lifecycle";

export const assetSorts = ["created", "tag", "name", "warranty_end", "purchase_date"] as const;

export const AssetListInput = z.object({
  q: searchText(200).optional(),
  statusIds: z.array(z.uuid()).max(50).optional(),
  kinds: z.array(z.enum(statusKinds)).max(8).optional(),
  categoryIds: z.array(z.uuid()).max(50).optional(),
  locationId: z.uuid().optional(),
  employeeId: z.uuid().optional(),
  /** Warranty ends within this many days (and has not ended yet). */
  warrantyExpiringDays: z.number().int().min(1).max(3650).optional(),
  sort: z.enum(assetSorts).default("created"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  page: page().default(1),
  pageSize: z.number().int().min(10).max(200).default(50),
});
export type AssetListInput = z.input<typeof AssetListInput>;

/** Totals are counted up to this; beyond it the UI says "10,000+". */
export const COUNT_CAP = 10_000;
