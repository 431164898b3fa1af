import type { InTenant } from "../../context";
import { database } from "../../db";

/** Rows per multi-row insert (and per progress update), each batch in its own transaction. */
export const BATCH_ROWS = 1000;
/**
 * The embedded database (PGlite) runs on the request thread with one connection: every other
 * request waits for the batch in flight, so its batches are smaller (~20 ms each on a 2-core
 * machine).
 */
export const EMBEDDED_BATCH_ROWS = 100;

export async function batchRows(): Promise<number> {
  return (await database()).driver === "pglite" ? EMBEDDED_BATCH_ROWS : BATCH_ROWS;
}
/** Rows per function step in "valid_only" mode: a restart resumes at the step, then at the batch. */
export const STEP_ROWS = 25_000;

/**
 * What an import run works on (from the asset_import.confirmed event), and how it opens the
 * tenant's transactions that write the import: as the import function, caused by that event
 * (inngest/functions/in-tenant.ts), so every asset it writes says who wrote it and why. Reading
 * the file and the lookups, and writing the problem report (no event), take the database itself,
 * shared with the dry run.
 */
export type ImportRun = { tenantId: string; importId: string; inTenant: InTenant };

/** "cancelled": a user stopped it; `imported` rows were written before and stay. */
export type ImportOutcome = {
  status: "completed" | "failed" | "cancelled" | "skipped";
  imported: number;
  problems: number;
};
