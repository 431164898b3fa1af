import type { Db } from "../../db";
import { yieldToEventLoop } from "../../heavy-jobs";
import type { ImportTarget } from "./fields";
import { loadImportLookups } from "./load-lookups";
import { type CsvRecord, parseCsvInSlices } from "./parse-csv";
import type { ProblemSink } from "./problems";
import { type ImportRow, type RowProblem, rowValidator } from "./validate-rows";

/** What asset_imports.mapping holds: the file's headers, the column -> field choice, a preview. */
export type StoredMapping = { headers: string[]; columns: Array<ImportTarget | null>; sample: string[][] };

export const storedMapping = (value: unknown): StoredMapping => {
  const mapping = (value ?? {}) as Partial<StoredMapping>;
  return { headers: mapping.headers ?? [], columns: mapping.columns ?? [], sample: mapping.sample ?? [] };
};

type ImportSource = { content: string; delimiter: string; mapping: unknown };

export type PreparedImport = {
  /** Every record's line, in file order. */
  lines: number[];
  /** The rows that passed, ready to write (empty with `keepRows: false`). */
  rows: ImportRow[];
  validRows: number;
  /** Tags set by hand anywhere in the file (lower case): generated tags never take them. */
  fileTags: Set<string>;
};

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
  source: ImportSource,
  options: {
    checkExisting: boolean;
    /** The import whose own hidden rows (a resumed all_or_nothing run) do not count as taken. */
    ownImport?: string;
    problems: ProblemSink;
    keepRows?: boolean;
    onProgress?: (validated: number, total: number) => Promise<void>;
  },
): Promise<PreparedImport> {
  const records: CsvRecord[] = [];
  const parsed = await parseCsvInSlices(
    source.content,
    { delimiter: source.delimiter === ";" ? ";" : "," },
    (record) => {
      records.push(record);
    },
  );
  const { columns } = storedMapping(source.mapping);
  const lookups = await loadImportLookups(db, tenantId, columns, records, options);
  const validate = rowValidator(parsed.headers, columns, lookups);

  // The parser's complaints, one per line (the last), merged into the problems in line order.
  const broken = new Map(parsed.errors.map((error) => [error.line, error.message]));
  const brokenLines = [...broken.keys()].sort((a, b) => a - b);
  let nextBroken = 0;
  const reportBrokenUpTo = async (line: number) => {
    for (; nextBroken < brokenLines.length && (brokenLines[nextBroken] as number) <= line; nextBroken++) {
      const brokenLine = brokenLines[nextBroken] as number;
      const problem: RowProblem = {
        line: brokenLine,
        column: null,
        value: null,
        code: "parse",
        message: `The line cannot be read: ${broken.get(brokenLine)}.`,
      };
      await options.problems.add(problem);
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
