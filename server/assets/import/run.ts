import type { Actor } from "@/inngest/events";

/** Rows per multi-row insert (and per progress update). */
export const BATCH_ROWS = 1000;
/** Rows per function step in "valid_only" mode: a restart resumes at the step, then at the batch. */
export const STEP_ROWS = 25_000;

/** Who and what an import run works on (from the asset_import.confirmed event). */
export type ImportRun = { tenantId: string; importId: string; actor: Actor };

/** "cancelled": a user stopped it; `imported` rows were written before and stay. */
export type ImportOutcome = {
  status: "completed" | "failed" | "cancelled" | "skipped";
  imported: number;
  problems: number;
};
