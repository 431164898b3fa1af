import type { Executor } from "../../db";
import type { ImportTarget } from "./fields";
import { loadImportLookups } from "./load-lookups";
import { parseCsv } from "./parse-csv";
import { type RowProblem, validateRows } from "./validate-rows";

/** What asset_imports.mapping holds: the file's headers, the column -> field choice, a preview. */
export type StoredMapping = { headers: string[]; columns: Array<ImportTarget | null>; sample: string[][] };

export const storedMapping = (value: unknown): StoredMapping => {
  const mapping = (value ?? {}) as Partial<StoredMapping>;
  return { headers: mapping.headers ?? [], columns: mapping.columns ?? [], sample: mapping.sample ?? [] };
};

type ImportSource = { content: string; delimiter: string; mapping: unknown };

/**
 * Parses a stored import and validates every row with its mapping. Rows the parser could not
 * read whole (an unterminated quote) are problems too. `checkExisting` compares tags and serials
 * with the assets already stored; a resumed import turns it off, its own earlier batches being there.
 */
export async function prepareImport(
  trx: Executor,
  tenantId: string,
  source: ImportSource,
  options: { checkExisting: boolean },
) {
  const parsed = parseCsv(source.content, { delimiter: source.delimiter === ";" ? ";" : "," });
  const { columns } = storedMapping(source.mapping);
  const lookups = await loadImportLookups(trx, tenantId, columns, parsed.records, options);
  const result = validateRows(parsed.headers, columns, parsed.records, lookups);
  const broken = new Map(parsed.errors.map((error) => [error.line, error.message]));
  const parseProblems: RowProblem[] = [...broken].map(([line, message]) => ({
    line,
    column: null,
    value: null,
    code: "parse",
    message: `The line cannot be read: ${message}.`,
  }));
  const rows = broken.size ? result.rows.filter((row) => !broken.has(row.line)) : result.rows;
  const problems = [...parseProblems, ...result.problems].sort((a, b) => a.line - b.line);
  const tagColumn = columns.indexOf("tag");
  const fileTags = new Set<string>();
  if (tagColumn !== -1) {
    for (const record of parsed.records) {
      const tag = record.values[tagColumn]?.trim().toLowerCase();
      if (tag) fileTags.add(tag);
    }
  }
  return { lines: parsed.records.map((record) => record.line), rows, problems, fileTags };
}

/** Lines that had a problem before writing began: a resumed import leaves them out again. */
export const linesRejectedBeforeWriting = (problems: readonly RowProblem[]) =>
  new Set(problems.filter((problem) => problem.stage !== "write").map((problem) => problem.line));
