import type { SessionUser } from "../../context";
import { type Db, withTenant } from "../../db";
import { AppError } from "../../errors";
import { logger } from "../../logger";
import { can } from "../../trpc";
import { csvRow } from "../csv";
import { listAuditEvents } from "../queries";
import { type AuditEventItem, AuditFilters } from "../schemas";

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

const canExport = (role: string): boolean => (can.audit as readonly string[]).includes(role);

/**
 * The filtered audit log as a CSV stream, newest first. Each batch is read in its own short tenant
 * transaction when the client is ready for more, so a million rows never sit in memory and a slow
 * download holds no connection. Events never change, so keyset paging yields each one exactly once.
 */
export async function exportAuditCsv(
  db: Db,
  user: SessionUser,
  rawFilters: unknown,
  options: { batchSize?: number } = {},
): Promise<{ filename: string; stream: ReadableStream<Uint8Array> }> {
  const batchSize = options.batchSize ?? 1000;
  const { tenantId } = user;
  if (!tenantId || !canExport(user.role)) {
    throw new AppError("FORBIDDEN", "Only admins and auditors can export the audit log.");
  }
  const parsed = AuditFilters.safeParse(rawFilters);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      "BAD_REQUEST",
      issue ? `${issue.path.join(".") || "filters"}: ${issue.message}` : "Invalid filters",
    );
  }
  const filters = parsed.data;

  const tenant = await withTenant(db, tenantId, (trx) =>
    trx.selectFrom("tenants").select("slug").where("id", "=", tenantId).executeTakeFirst(),
  );
  const filename = `audit-${tenant?.slug ?? tenantId}-${new Date().toISOString().slice(0, 10)}.csv`;

  const encoder = new TextEncoder();
  let cursor: number | null = null;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvRow(AUDIT_CSV_COLUMNS)));
    },
    async pull(controller) {
      try {
        const page = await withTenant(db, tenantId, (trx) =>
          listAuditEvents(trx, tenantId, { ...filters, cursor, limit: batchSize }),
        );
        if (page.items.length > 0) controller.enqueue(encoder.encode(page.items.map(auditCsvRow).join("")));
        cursor = page.nextCursor;
        if (cursor === null) controller.close();
      } catch (error) {
        logger.error("audit export failed", { tenantId, cursor, error });
        controller.error(error);
      }
    },
  });
  return { filename, stream };
}
