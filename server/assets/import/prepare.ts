import { type RowCheck, startRowCheck } from "../../background-thread";
import type { Db } from "../../db";
import { yieldToEventLoop } from "../../heavy-jobs";
import { loadImportLookups } from "./load-lookups";
import type { ImportSourceFields, PreparedRows, PrepareOptions } from "./pipeline";
import type { RowCheckChunk, RowCheckKind } from "./row-check";
import type { ImportRow } from "./validate-rows";

export { type StoredMapping, storedMapping, unreadableLine } from "./row-check";

export type PreparedImport = PreparedRows<ImportRow> & {
  /** Tags set by hand anywhere in the file (lower case): generated tags never take them. */
  fileTags: Set<string>;
};

/**
 * Opens the check of a stored import of `kind` on the background thread (server/background-thread.ts), runs
 * `work` with it and closes it however `work` ends, so the thread lets go of the file's records.
 */
export async function withRowCheck<Row, T>(
  kind: RowCheckKind,
  source: ImportSourceFields,
  work: (check: RowCheck<Row>) => Promise<T>,
): Promise<T> {
  const check = await startRowCheck<Row>({
    kind,
    content: source.content,
    delimiter: source.delimiter,
    mapping: source.mapping,
  });
  try {
    return await work(check);
  } finally {
    await check.close();
  }
}

/**
 * Takes a check's verdicts a chunk at a time, handing each to `take` and each problem to the sink
 * in order, with the progress, and lets other work in between two chunks.
 */
export async function eachVerdictChunk<Row>(
  check: RowCheck<Row>,
  options: PrepareOptions,
  take: (chunk: RowCheckChunk<Row>) => void,
): Promise<void> {
  for (;;) {
    const chunk = await check.next();
    take(chunk);
    for (const problem of chunk.problems) await options.problems.add(problem);
    await options.onProgress?.(chunk.checked, chunk.total);
    if (chunk.done) break;
    await yieldToEventLoop();
  }
  await options.problems.flush();
}

/**
 * Parses a stored import and validates every row with its mapping, handing each problem to
 * `problems` in file order. Rows the parser could not read whole (an unterminated quote) are
 * problems too. `checkExisting` compares tags and serials with the assets already stored; a
 * resumed import turns it off, its own earlier batches being there.
 *
 * The parsing and validation run on the background thread (row-check.ts); this thread only reads the
 * database, in short transactions without holding one while the file is checked
 * (load-lookups.ts), and takes the verdicts a chunk at a time: a 25 MB file never stops other
 * tenants' requests, even on the embedded database's single connection.
 */
export async function prepareImport(
  db: Db,
  tenantId: string,
  source: ImportSourceFields,
  options: PrepareOptions,
): Promise<PreparedImport> {
  return withRowCheck<ImportRow, PreparedImport>("asset", source, async (check) => {
    const lookups = await loadImportLookups(db, tenantId, (column) => check.values(column), options);
    await check.check(lookups, options.keepRows !== false);
    const prepared: PreparedImport = { lines: [], rows: [], validRows: 0, fileTags: new Set() };
    await eachVerdictChunk(check, options, (chunk) => {
      for (const line of chunk.lines) prepared.lines.push(line);
      for (const row of chunk.rows) prepared.rows.push(row);
      for (const tag of chunk.fileTags) prepared.fileTags.add(tag);
      prepared.validRows = chunk.validRows;
    });
    return prepared;
  });
}
