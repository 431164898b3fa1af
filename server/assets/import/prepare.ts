import type { Db } from "../../db";
import { yieldToEventLoop } from "../../heavy-jobs";
import type { ImportTarget } from "./fields";
import { loadImportLookups } from "./load-lookups";
import { type CsvRecord, parseCsvInSlices } from "./parse-csv";
import type { ImportSourceFields, PreparedRows, PrepareOptions } from "./pipeline";
import { type ImportRow, rowValidator } from "./validate-rows";

/** What asset_imports.mapping holds: the file's headers, the column -> field choice, a preview. */
export type StoredMapping = { headers: string[]; columns: Array<ImportTarget | null>; sample: string[][] };

export const storedMapping = (value: unknown): StoredMapping => {
  const mapping = (value ?? {}) as Partial<StoredMapping>;
  return { headers: mapping.headers ?? [], columns: mapping.columns ?? [], sample: mapping.sample ?? [] };
};

export type PreparedImport = PreparedRows<ImportRow> & {
  /** Tags set by hand anywhere in the file (lower case): generated tags never take them. */
  fileTags: Set<string>;
};

/** A line the parser could not read whole (an unterminated quote), as a problem of any import. */
export const unreadableLine = (line: number, message: string) => ({
  line,
  column: null,
  value: null,
  code: "parse" as const,
  message: `The line cannot be read: ${message}.`,
});

/**
 * A stored import's file, parsed a slice at a time (the event loop is yielded between slices):
 * its header row, its records, the saved mapping and the parser's complaint per line.
 */
export async function readStoredImport(source: ImportSourceFields) {
  const records: CsvRecord[] = [];
  const parsed = await parseCsvInSlices(
    source.content,
    { delimiter: source.delimiter === ";" ? ";" : "," },
    (record) => {
      records.push(record);
    },
  );
  const { columns } = storedMapping(source.mapping);
  const broken = new Map(parsed.errors.map((error) => [error.line, error.message]));
  return { headers: parsed.headers, records, columns: columns as Array<string | null>, broken };
}

/** Validation runs this long at most before it lets other requests in. */
const SLICE_MS = 4;

/**
 * Parses a stored import and validates every row with its mapping, handing each problem to
 * `problems` in file order. Rows the parser could not read whole (an unterminated quote) are
 * problems too. `checkExisting` compares tags and serials with the assets already stored; a
 * resumed import turns it off, its own earlier batches being there.
 *
 * No transaction is held while it works, and it yields the event loop every few milliseconds:
 * the database is read in short transactions (load-lookups.ts), so a 25 MB file never stops other
 * tenants' requests, even on the embedded database's single connection.
 */
export async function prepareImport(
  db: Db,
  tenantId: string,
  source: ImportSourceFields,
  options: PrepareOptions,
): Promise<PreparedImport> {
  const { headers, records, columns: stored, broken } = await readStoredImport(source);
  const columns = stored as Array<ImportTarget | null>;
  const lookups = await loadImportLookups(db, tenantId, columns, records, options);
  const validate = rowValidator(headers, columns, lookups);

  // The parser's complaints, one per line (the last), merged into the problems in line order.
  const brokenLines = [...broken.keys()].sort((a, b) => a - b);
  let nextBroken = 0;
  const reportBrokenUpTo = async (line: number) => {
    for (; nextBroken < brokenLines.length && (brokenLines[nextBroken] as number) <= line; nextBroken++) {
      const brokenLine = brokenLines[nextBroken] as number;
      await options.problems.add(unreadableLine(brokenLine, broken.get(brokenLine) ?? ""));
    }
  };

  const prepared: PreparedImport = { lines: [], rows: [], validRows: 0, fileTags: new Set() };
  const tagColumn = columns.indexOf("tag");
  let sliceStarted = performance.now();
  for (let index = 0; index < records.length; index++) {
    const record = records[index] as CsvRecord;
    prepared.lines.push(record.line);
    if (tagColumn !== -1) {
      const tag = record.values[tagColumn]?.trim().toLowerCase();
      if (tag) prepared.fileTags.add(tag);
    }
    await reportBrokenUpTo(record.line);
    const verdict = validate(record);
    for (const problem of verdict.problems) await options.problems.add(problem);
    if (verdict.row && !broken.has(record.line)) {
      prepared.validRows++;
      if (options.keepRows !== false) prepared.rows.push(verdict.row);
    }
    if ((index & 31) === 0 && performance.now() - sliceStarted > SLICE_MS) {
      await options.onProgress?.(index, records.length);
      await yieldToEventLoop();
      sliceStarted = performance.now();
    }
  }
  await reportBrokenUpTo(Number.POSITIVE_INFINITY);
  await options.problems.flush();
  return prepared;
}
