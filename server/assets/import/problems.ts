import { sql } from "kysely";
import { csvRow } from "../../audit/csv";
import { type Db, type Executor, withTenant } from "../../db";
import { yieldToEventLoop } from "../../heavy-jobs";

/**
 * A problem of one line of an import, whatever its rows become: where (line, column, value), what
 * (a code per kind of import, counted on the page) and a message saying how to fix it.
 */
export type ImportProblem = {
  line: number;
  column: string | null;
  value: string | null;
  code: string;
  message: string;
  /** Set on problems found while writing (the dry run had passed the row). */
  stage?: "write";
};

/** Problems kept in the import's row for its page; all of them go to the report. */
export const PROBLEMS_LISTED = 1000;
/** The report is written in chunks of about this many characters of CSV. */
const REPORT_CHUNK_CHARS = 512 * 1024;

export const REPORT_HEADER = csvRow(["line", "column", "value", "problem", "code"]);
export const reportRow = (problem: ImportProblem) =>
  csvRow([problem.line, problem.column, problem.value, problem.message, problem.code]);

/** What an import's row says of its problems, however many there are. */
export type ProblemSummary = {
  count: number;
  byCode: Record<string, number>;
  /** The first PROBLEMS_LISTED, in file order. */
  listed: ImportProblem[];
};

/** Where prepareImport hands each problem, in file order. */
export type ProblemSink = { add(problem: ImportProblem): Promise<void>; flush(): Promise<void> };

type ReportTarget = { db: Db; tenantId: string; importId: string; generation: number };

/**
 * Takes an import's problems one at a time, in file order, and keeps only what is bounded: the
 * count, the count per code, the first PROBLEMS_LISTED and the lines that have a problem. With a
 * report target, every problem is also written to the import's report as CSV, a chunk at a time,
 * each chunk in its own short transaction: a file with a million problems neither holds them in
 * memory nor holds the database.
 */
export class ProblemCollector implements ProblemSink {
  readonly summary: ProblemSummary = { count: 0, byCode: {}, listed: [] };
  readonly lines = new Set<number>();
  private pending: string[] = [];
  private pendingChars = 0;
  private seq: number;

  constructor(
    private readonly report?: ReportTarget,
    options: { firstSeq?: number } = {},
  ) {
    this.seq = options.firstSeq ?? 0;
  }

  async add(problem: ImportProblem): Promise<void> {
    const { summary } = this;
    summary.count++;
    summary.byCode[problem.code] = (summary.byCode[problem.code] ?? 0) + 1;
    if (summary.listed.length < PROBLEMS_LISTED) summary.listed.push(problem);
    this.lines.add(problem.line);
    if (!this.report) return;
    const row = reportRow(problem);
    this.pending.push(row);
    this.pendingChars += row.length;
    if (this.pendingChars >= REPORT_CHUNK_CHARS) await this.flush();
  }

  /** Writes what is not yet in the report. */
  async flush(): Promise<void> {
    const { report } = this;
    if (!report || this.pending.length === 0) return;
    const content = this.pending.join("");
    this.pending = [];
    this.pendingChars = 0;
    this.seq++;
    const seq = this.seq;
    await withTenant(report.db, report.tenantId, (trx) =>
      trx
        .insertInto("asset_import_reports")
        .values({
          tenant_id: report.tenantId,
          import_id: report.importId,
          generation: report.generation,
          seq,
          content,
        })
        .execute(),
    );
    await yieldToEventLoop();
  }
}

/** Deletes what a generation's report holds so far (a dry run or import started again). */
export async function clearReport(target: ReportTarget): Promise<void> {
  await withTenant(target.db, target.tenantId, (trx) =>
    trx
      .deleteFrom("asset_import_reports")
      .where("tenant_id", "=", target.tenantId)
      .where("import_id", "=", target.importId)
      .where("generation", "=", target.generation)
      .execute(),
  );
}

/** A collector writing a fresh report for the generation (anything an earlier attempt wrote goes). */
export async function startReport(target: ReportTarget): Promise<ProblemCollector> {
  await clearReport(target);
  return new ProblemCollector(target);
}

/** The summary's columns of asset_imports (problems replaced). */
export const summaryColumns = (summary: ProblemSummary) => ({
  problem_count: summary.count,
  problems_by_code: JSON.stringify(summary.byCode),
  problems: JSON.stringify(summary.listed),
});

/**
 * Adds problems found while writing to an import's row (its count, the listed ones while there
 * is room) and its report, in the caller's transaction.
 */
export async function appendProblems(
  trx: Executor,
  target: { tenantId: string; importId: string; generation: number },
  problems: readonly ImportProblem[],
): Promise<void> {
  if (problems.length === 0) return;
  const byCode: Record<string, number> = {};
  for (const problem of problems) byCode[problem.code] = (byCode[problem.code] ?? 0) + 1;
  await trx
    .updateTable("asset_imports")
    .set({
      problem_count: sql`problem_count + ${problems.length}`,
      problems_by_code: sql`(select coalesce(jsonb_object_agg(key, total), '{}') from (
        select key, sum(value::int) as total
          from (select * from jsonb_each_text(problems_by_code) union all
                select * from jsonb_each_text(${JSON.stringify(byCode)}::jsonb)) counts
         group by key) summed)`,
      problems: sql`problems || (select coalesce(jsonb_agg(p), '[]') from (
        select p from jsonb_array_elements(${JSON.stringify(problems)}::jsonb) p
         limit greatest(0, ${PROBLEMS_LISTED} - jsonb_array_length(problems))) kept)`,
    })
    .where("tenant_id", "=", target.tenantId)
    .where("id", "=", target.importId)
    .execute();
  await sql`insert into asset_import_reports (tenant_id, import_id, generation, seq, content)
    select ${target.tenantId}, ${target.importId}, ${target.generation}, coalesce(max(seq), 0) + 1, ${problems.map(reportRow).join("")}
      from asset_import_reports
     where tenant_id = ${target.tenantId} and import_id = ${target.importId} and generation = ${target.generation}`.execute(
    trx,
  );
}

/** Removes the reports of an import's other generations (superseded dry runs). */
export async function dropOtherReports(
  trx: Executor,
  target: { tenantId: string; importId: string; generation: number },
) {
  await trx
    .deleteFrom("asset_import_reports")
    .where("tenant_id", "=", target.tenantId)
    .where("import_id", "=", target.importId)
    .where("generation", "<>", target.generation)
    .execute();
}
