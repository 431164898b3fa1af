import type { z } from "zod";
import { csvRow } from "./audit/csv";
import { type Db, type Executor, inBackground, withTenant } from "./db";
import { AppError } from "./errors";
import { type batchSizer, yieldToEventLoop } from "./heavy-jobs";
import { logger } from "./logger";

/**
 * An export's filters, parsed, or BAD_REQUEST naming the first bad one: the exports are GET routes
 * whose query string a person may have edited, so the message says which filter to fix.
 */
export function parseExportFilters<Schema extends z.ZodType>(schema: Schema, raw: unknown): z.output<Schema> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new AppError(
    "BAD_REQUEST",
    issue ? `${issue.path.join(".") || "filters"}: ${issue.message}` : "Invalid filters",
  );
}

/**
 * A list's rows as a CSV stream, the way the asset and employee exports write them: the header at
 * once, then, when the client is ready for more, the matching ids in order (one query; 100,000 ids
 * are ~4 MB) and the rows by id in batches, each read in its own short tenant transaction, so a
 * large export holds no connection and only a batch of rows at a time. Re-running the filter and
 * sort for each keyset batch instead held the embedded database (whose queries run on the request
 * thread) for 250-350 ms a batch on a large tenant.
 *
 * Before each batch it yields to the event loop; `sizer` sizes batches by how long reading the
 * rows took (the ids query is not counted). `release` (the heavy-job slot, server/heavy-jobs.ts)
 * is called once when the stream ends, fails or is cancelled.
 */
export function streamCsvByIds<Row>(options: {
  db: Db;
  tenantId: string;
  /** For the log line when a batch fails, e.g. "asset export". */
  name: string;
  header: readonly string[];
  sizer: ReturnType<typeof batchSizer>;
  release: () => void;
  orderedIds: (trx: Executor) => Promise<string[]>;
  /** These rows in the order of `ids`, leaving out any deleted since the export began. */
  rowsOf: (trx: Executor, ids: readonly string[]) => Promise<Row[]>;
  toCsvRow: (row: Row) => string;
}): ReadableStream<Uint8Array> {
  const { db, tenantId, sizer, release } = options;
  const encoder = new TextEncoder();
  let ids: string[] | null = null;
  let position = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvRow(options.header)));
    },
    async pull(controller) {
      try {
        await yieldToEventLoop();
        ids ??= await inBackground(() => withTenant(db, tenantId, options.orderedIds));
        const batch = ids.slice(position, position + sizer.size());
        position += batch.length;
        const started = performance.now();
        const rows =
          batch.length === 0
            ? []
            : await inBackground(() => withTenant(db, tenantId, (trx) => options.rowsOf(trx, batch)));
        if (rows.length > 0) controller.enqueue(encoder.encode(rows.map(options.toCsvRow).join("")));
        sizer.record(batch.length, performance.now() - started);
        if (position >= ids.length) {
          controller.close();
          release();
        }
      } catch (error) {
        logger.error(`${options.name} failed`, { tenantId, position, error });
        controller.error(error);
        release();
      }
    },
    cancel: release,
  });
}
