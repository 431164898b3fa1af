import type { TenantScope } from "../../context";
import type { Db } from "../../db";
import type { ImportProblem, ProblemSink } from "./problems";

/**
 * What each kind of import plugs into the shared pipeline (dry run, plan, batches): how it checks
 * the rows of a stored file, and how it writes a batch of the rows that passed. Everything around
 * them (the import's row, progress, problems and their report, cancel, resume) is the same.
 */

/** What the dry run and the import read of a stored import to check its rows. */
export type ImportSourceFields = { content: string; delimiter: string; mapping: unknown };

export type PrepareOptions = {
  /** Compare with what is stored already (a resumed import turns it off where its own rows count). */
  checkExisting: boolean;
  /** The import whose own hidden rows (a resumed all_or_nothing run) do not count as taken. */
  ownImport?: string;
  problems: ProblemSink;
  keepRows?: boolean;
  onProgress?: (validated: number, total: number) => Promise<void>;
};

/** Every record's line, in the order rows are written, and the rows that passed. */
export type PreparedRows<Row> = { lines: number[]; rows: Row[]; validRows: number };

/** What one batch wrote, the problems found while writing it and, for people, how each row ended. */
export type BatchOutcome = {
  imported: number;
  problems: ImportProblem[];
  created?: number;
  updated?: number;
  unchanged?: number;
};

export type RowPipeline<Row extends { line: number }, Prepared extends PreparedRows<Row>> = {
  prepare: (
    db: Db,
    tenantId: string,
    source: ImportSourceFields,
    options: PrepareOptions,
  ) => Promise<Prepared>;
  write: (
    scope: TenantScope,
    batch: { importId: string; rows: Row[]; prepared: Prepared },
  ) => Promise<BatchOutcome>;
};
