import { z } from "zod";
import { AssetListInput } from "../list/schemas";
import { labelSizes } from "./layouts";

/** One request prints at most this many labels (100 Avery 5160 sheets). */
export const MAX_LABELS = 3000;

export const PrintAssetLabelsInput = z.object({
  size: z.enum(labelSizes).default("avery-5160"),
  /** The assets to print, in this order; without ids, every asset the list filters match. */
  ids: z
    .array(z.uuid({ error: "ids must be asset ids" }))
    .min(1)
    .max(MAX_LABELS)
    .optional(),
  filters: AssetListInput.omit({ page: true, pageSize: true }).default({ sort: "created", dir: "desc" }),
});
export type PrintAssetLabelsInput = z.input<typeof PrintAssetLabelsInput>;
