import { isEmployeeImportTarget } from "../../employees/import/fields";
import { type FileEntry, resolveManagers } from "../../employees/import/resolve-managers";
import {
  type EmployeeImportLookups,
  type EmployeeImportRow,
  employeeRowValidator,
} from "../../employees/import/validate-rows";
import type { ImportTarget } from "./fields";
import { type CsvRecord, parseCsvWhole } from "./parse-csv";
import type { ImportProblem } from "./problems";
import { type ImportLookups, type ImportRow, rowValidator } from "./validate-rows";

/*
 * The CPU half of an import's check, with no database and no pauses: parse a stored file, hand out
 * the values its lookups need, then validate every row and hand the verdicts out a chunk at a
 * time. It runs on a worker thread (server/background-worker.ts, started by background-thread.ts), so a
 * 25 MB file's parsing, its validation and the garbage of its records never occupy the thread that
 * serves requests; prepare.ts (assets) and employees/import/prepare.ts do the database half.
 */

/** What asset_imports.mapping holds: the file's headers, the column -> field choice, a preview. */
export type StoredMapping = { headers: string[]; columns: Array<ImportTarget | null>; sample: string[][] };

export const storedMapping = (value: unknown): StoredMapping => {
  const mapping = (value ?? {}) as Partial<StoredMapping>;
  return { headers: mapping.headers ?? [], columns: mapping.columns ?? [], sample: mapping.sample ?? [] };
};

/** A line the parser could not read whole (an unterminated quote), as a problem of any import. */
export const unreadableLine = (line: number, message: string) => ({
  line,
  column: null,
  value: null,
  code: "parse" as const,
  message: `The line cannot be read: ${message}.`,
});

export type RowCheckKind = "asset" | "employee";
export type RowCheckSource = { kind: RowCheckKind; content: string; delimiter: string; mapping: unknown };
/** The asset columns whose values are looked up in the database (only those the file mentions). */
export type LookupColumn = "tag" | "serial" | "employee";

/** One chunk of verdicts, in the order prepare hands them on. */
export type RowCheckChunk<Row> = {
  /** Lines of records, in the order rows are written. */
  lines: number[];
  /** Problems, in file order (assets: as the records are reached; people: sorted by line). */
  problems: ImportProblem[];
  /** Rows that passed (only when asked to keep them). */
  rows: Row[];
  /** Rows that passed so far. */
  validRows: number;
  /** Tags set by hand in this chunk's records (lower case; assets only). */
  fileTags: string[];
  /** Records checked so far, of `total`. */
  checked: number;
  total: number;
  done: boolean;
};

/** Records per chunk, and problems: a chunk crosses threads in a few milliseconds. */
const CHUNK_RECORDS = 1000;
const CHUNK_PROBLEMS = 2000;

/** A stored file, parsed whole: its header row, records and the parser's complaint per line. */
function parseStored(source: RowCheckSource) {
  const records: CsvRecord[] = [];
  const parsed = parseCsvWhole(
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

export type RowCheckSession = {
  readonly total: number;
  /** The distinct non-empty values (trimmed, lower case) of an asset column the mapping uses. */
  values(column: LookupColumn): string[];
  /** Starts validating with the lookups the database gave. */
  check(lookups: ImportLookups | EmployeeImportLookups, keepRows: boolean): void;
  /** The next chunk of verdicts (check first). */
  next(): RowCheckChunk<ImportRow | EmployeeImportRow>;
};

export function openRowCheck(source: RowCheckSource): RowCheckSession {
  return source.kind === "asset" ? assetCheck(source) : employeeCheck(source);
}

/** The asset check of prepare.ts, record by record in file order. */
function assetCheck(source: RowCheckSource): RowCheckSession {
  const { headers, records, columns: stored, broken } = parseStored(source);
  const columns = stored as Array<ImportTarget | null>;
  const brokenLines = [...broken.keys()].sort((a, b) => a - b);
  const tagColumn = columns.indexOf("tag");
  let validate: ((record: CsvRecord) => { row: ImportRow | null; problems: ImportProblem[] }) | null = null;
  let keep = true;
  let index = 0;
  let nextBroken = 0;
  let validRows = 0;
  let finished = false;

  return {
    total: records.length,
    values(column) {
      const at = columns.indexOf(column);
      if (at === -1) return [];
      const values = new Set<string>();
      for (const record of records) {
        const value = record.values[at]?.trim().toLowerCase();
        if (value) values.add(value);
      }
      return [...values];
    },
    check(lookups, keepRows) {
      validate = rowValidator(headers, columns, lookups as ImportLookups);
      keep = keepRows;
    },
    next() {
      if (!validate) throw new Error("check() before next()");
      const chunk: RowCheckChunk<ImportRow> = {
        lines: [],
        problems: [],
        rows: [],
        validRows,
        fileTags: [],
        checked: index,
        total: records.length,
        done: false,
      };
      // The parser's complaints, one per line (the last), merged into the problems in line order.
      const reportBrokenUpTo = (line: number) => {
        for (; nextBroken < brokenLines.length && (brokenLines[nextBroken] as number) <= line; nextBroken++) {
          const brokenLine = brokenLines[nextBroken] as number;
          chunk.problems.push(unreadableLine(brokenLine, broken.get(brokenLine) ?? ""));
        }
      };
      const end = Math.min(records.length, index + CHUNK_RECORDS);
      for (; index < end && chunk.problems.length < CHUNK_PROBLEMS; index++) {
        const record = records[index] as CsvRecord;
        chunk.lines.push(record.line);
        if (tagColumn !== -1) {
          const tag = record.values[tagColumn]?.trim().toLowerCase();
          if (tag) chunk.fileTags.push(tag);
        }
        reportBrokenUpTo(record.line);
        const verdict = validate(record);
        for (const problem of verdict.problems) chunk.problems.push(problem);
        if (verdict.row && !broken.has(record.line)) {
          validRows++;
          if (keep) chunk.rows.push(verdict.row);
        }
      }
      if (index >= records.length && !finished) {
        reportBrokenUpTo(Number.POSITIVE_INFINITY);
        finished = true;
      }
      chunk.validRows = validRows;
      chunk.checked = index;
      chunk.done = finished;
      return chunk;
    },
  };
}

/**
 * The employee check of employees/import/prepare.ts: every row, then every manager once all rows
 * are known; the verdicts are then handed out with the problems in line order and the lines (and
 * rows) in the order to write them, managers before their reports.
 */
function employeeCheck(source: RowCheckSource): RowCheckSession {
  const { headers, records, columns, broken } = parseStored(source);
  const mapping = columns.map((target) => (target && isEmployeeImportTarget(target) ? target : null));
  let verdicts: { problems: ImportProblem[]; order: number[]; rows: Map<number, EmployeeImportRow> } | null =
    null;
  let keep = true;
  let problemAt = 0;
  let lineAt = 0;

  return {
    total: records.length,
    values: () => [],
    check(known, keepRows) {
      const lookups = known as EmployeeImportLookups;
      keep = keepRows;
      const validate = employeeRowValidator(headers, mapping, lookups);
      const cellOf = (values: readonly string[], target: (typeof mapping)[number] & string) => {
        const index = mapping.indexOf(target);
        const value = index === -1 ? "" : (values[index] ?? "").trim();
        return value === "" ? null : value;
      };
      const problemsAt = new Map<number, ImportProblem[]>();
      const add = (problem: ImportProblem) =>
        problemsAt.set(problem.line, [...(problemsAt.get(problem.line) ?? []), problem]);
      for (const [line, message] of broken) add(unreadableLine(line, message));
      const rows = new Map<number, EmployeeImportRow>();
      const entries: FileEntry[] = [];
      for (const { line, values } of records) {
        const verdict = validate({ line, values });
        for (const problem of verdict.problems) add(problem);
        const valid = verdict.row !== null && !broken.has(line);
        if (verdict.row && valid) rows.set(line, verdict.row);
        const email = cellOf(values, "workEmail")?.toLowerCase() ?? null;
        const first = verdict.row?.fields.firstName;
        const existing = email ? lookups.byEmail.get(email) : undefined;
        entries.push({
          line,
          email,
          number: cellOf(values, "employeeNumber")?.toLowerCase() ?? null,
          name:
            (first ? `${first} ${verdict.row?.fields.lastName ?? ""}`.trim() : null) ??
            existing?.name ??
            cellOf(values, "name") ??
            email ??
            `line ${line}`,
          manager: cellOf(values, "manager"),
          valid,
          existingId: existing?.id ?? null,
        });
      }
      const managerIndex = mapping.indexOf("manager");
      const managers = resolveManagers(entries, lookups, headers[managerIndex] ?? "Manager");
      for (const problem of managers.problems) {
        add(problem);
        rows.delete(problem.line);
      }
      const problems = [...problemsAt.keys()]
        .sort((a, b) => a - b)
        .flatMap((line) => problemsAt.get(line) ?? []);
      verdicts = { problems, order: managers.order, rows };
    },
    next() {
      if (!verdicts) throw new Error("check() before next()");
      const problems = verdicts.problems.slice(problemAt, problemAt + CHUNK_PROBLEMS);
      problemAt += problems.length;
      const lines = verdicts.order.slice(lineAt, lineAt + CHUNK_RECORDS);
      lineAt += lines.length;
      const { rows } = verdicts;
      return {
        lines,
        problems,
        rows: keep ? lines.flatMap((line) => rows.get(line) ?? []) : [],
        validRows: rows.size,
        fileTags: [],
        checked: records.length,
        total: records.length,
        done: problemAt >= verdicts.problems.length && lineAt >= verdicts.order.length,
      };
    },
  };
}
