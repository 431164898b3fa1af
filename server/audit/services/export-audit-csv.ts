import type { SessionUser } from "../../context";
import { parseExportFilters } from "../../csv-export";
import { type Db, inBackground, withTenant } from "../../db";
import { AppError } from "../../errors";
import { claimHeavyJob, exportBatchSizer, yieldToEventLoop } from "../../heavy-jobs";
import { logger } from "../../logger";
import { readsAuditLog } from "../access";
import { csvRow } from "../csv";
import { listAuditEvents } from "../queries";
import { type AuditEventItem, AuditFilters } from "../schemas";
import { resolveRecordFilter } from "../subjects";

export const AUDIT_CSV_COLUMNS = [
  "seq",
  "occurred_at",
  "event",
  "actor_type",
  "actor",
  "entity_type",
  "entity_id",
  "data",
  "hash",
] as const;

export const auditCsvRow = (event: AuditEventItem): string =>
  csvRow([
    event.seq,
    event.occurredAt.toISOString(),
    event.name,
    event.actor.type,
    event.actor.label ?? event.actor.id,
    event.entity.type,
    event.entity.id,
    JSON.stringify(event.data),
    event.hash,
  ]);

/**
 * The filtered audit log as a CSV stream, newest first. Each batch is read in its own short tenant
 * transaction when the client is ready for more, so a million rows never sit in memory and a slow
 * download holds no connection. Events never change, so keyset paging yields each one exactly once.
 * Between batches it yields to the event loop, batches are sized to take ~20 ms (on PGlite the
 * query runs on the request thread), and a tenant runs at most two exports at once
 * (server/heavy-jobs.ts; the slot is freed when the stream ends, fails or is cancelled).
 */
export async function exportAuditCsv(
  db: Db,
  user: SessionUser,
  rawFilters: unknown,
  /** A fixed batch size (tests); by default batches adapt to how long they take. */
  options: { batchSize?: number } = {},
): Promise<{ filename: string; stream: ReadableStream<Uint8Array> }> {
  const sizer = await exportBatchSizer(options.batchSize);
  const { tenantId } = user;
  if (!tenantId || !readsAuditLog(user.role)) {
    throw new AppError("FORBIDDEN", "Only admins and auditors can export the audit log.");
  }
  const filters = parseExportFilters(AuditFilters, rawFilters);

  const release = claimHeavyJob(tenantId, "audit-export");
  const { tenant, filters: resolved } = await withTenant(db, tenantId, async (trx) => ({
    tenant: await trx.selectFrom("tenants").select("slug").where("id", "=", tenantId).executeTakeFirst(),
    filters: await resolveRecordFilter(trx, tenantId, filters),
  })).catch((error: unknown) => {
    release();
    throw error;
  });
  const filename = `audit-${tenant?.slug ?? tenantId}-${new Date().toISOString().slice(0, 10)}.csv`;

  const encoder = new TextEncoder();
  let cursor: number | null = null;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvRow(AUDIT_CSV_COLUMNS)));
    },
    async pull(controller) {
      try {
        await yieldToEventLoop();
        const batchSize = sizer.size();
        const started = performance.now();
        const page = await inBackground(() =>
          withTenant(db, tenantId, (trx) =>
            listAuditEvents(trx, tenantId, { ...resolved, cursor, limit: batchSize }),
          ),
        );
        if (page.items.length > 0) controller.enqueue(encoder.encode(page.items.map(auditCsvRow).join("")));
        sizer.record(page.items.length, performance.now() - started);
        cursor = page.nextCursor;
        if (cursor === null) {
          controller.close();
          release();
        }
      } catch (error) {
        logger.error("audit export failed", { tenantId, cursor, error });
        controller.error(error);
        release();
      }
    },
    cancel: release,
  });
  return { filename, stream };
}
