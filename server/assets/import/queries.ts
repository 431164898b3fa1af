import { sql } from "kysely";
import type { Executor } from "../../db";
import { AppError } from "../../errors";
import { importFields } from "./fields";
import { storedMapping } from "./prepare";
import type { AssetImportView, ImportKind, ImportStateView } from "./schemas";
import type { RowProblem } from "./validate-rows";

const notFound = () => new AppError("NOT_FOUND", "That import does not exist in this organization.");

/**
 * The import's row, locked for the rest of the transaction: everything but the file (up to 25 MB,
 * which every batch would otherwise read again) and its listed problems. With `kind`, an import of
 * another kind is not found: what users ask (confirm, cancel...) names the kind, so an employee
 * import is never confirmed as an asset import; the functions, which work on the import their
 * event names, do not.
 */
export async function lockImport(trx: Executor, tenantId: string, importId: string, kind?: ImportKind) {
  const row = await trx
    .selectFrom("asset_imports")
    .select([
      "id",
      "file_name",
      "status",
      "mode",
      "mapping",
      "total_rows",
      "valid_rows",
      "processed_rows",
      "imported_rows",
      "problem_count",
      "validation_generation",
      "publishing",
    ])
    .where("tenant_id", "=", tenantId)
    .where("id", "=", importId)
    .$if(kind !== undefined, (qb) => qb.where("kind", "=", kind as ImportKind))
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/** What the dry run and the import read of an import: its file, mapping and progress. */
export async function importSource(db: Executor, tenantId: string, importId: string) {
  const row = await db
    .selectFrom("asset_imports")
    .select([
      "status",
      "content",
      "delimiter",
      "mapping",
      "publishing",
      "validation_generation",
      "processed_rows",
      "valid_rows",
      "rejected_lines",
    ])
    .where("tenant_id", "=", tenantId)
    .where("id", "=", importId)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/** The fields a column can be mapped to: asset fields, then each custom field once (by key). */
export async function importFieldOptions(db: Executor, tenantId: string) {
  const custom = await db
    .selectFrom("custom_field_definitions")
    .select(["key", "label"])
    .distinctOn("key")
    .where("tenant_id", "=", tenantId)
    .where("archived_at", "is", null)
    .orderBy("key")
    .execute();
  return [
    ...importFields.map((field) => ({ value: field.key as string, label: field.label })),
    ...custom.map((field) => ({ value: `custom:${field.key}`, label: `${field.label} (custom field)` })),
  ];
}

/** An import as its page shows it, whatever its kind; the file's content and problems stay in the database. */
export async function getImportState(
  db: Executor,
  tenantId: string,
  importId: string,
  kind: ImportKind,
): Promise<ImportStateView> {
  const row = await db
    .selectFrom("asset_imports")
    .select([
      "id",
      "file_name",
      "status",
      "mode",
      "delimiter",
      "mapping",
      "total_rows",
      "valid_rows",
      "processed_rows",
      "imported_rows",
      "error",
      "created_at",
      "finished_at",
      "problem_count",
      "problems_by_code",
      "publishing",
      sql<number>`jsonb_array_length(problems)`.as("problems_listed"),
    ])
    .where("tenant_id", "=", tenantId)
    .where("id", "=", importId)
    .where("kind", "=", kind)
    .executeTakeFirst();
  if (!row) throw notFound();
  const mapping = storedMapping(row.mapping);
  return {
    id: row.id,
    fileName: row.file_name,
    status: row.status as ImportStateView["status"],
    mode: row.mode as ImportStateView["mode"],
    delimiter: row.delimiter,
    headers: mapping.headers,
    columns: mapping.columns,
    sample: mapping.sample,
    totalRows: row.total_rows,
    validRows: row.valid_rows,
    processedRows: row.processed_rows,
    importedRows: row.imported_rows,
    problemCount: row.problem_count,
    problemsListed: Number(row.problems_listed),
    publishing: row.publishing,
    problemsByCode: Object.fromEntries(
      Object.entries((row.problems_by_code ?? {}) as Record<string, number>).map(([code, count]) => [
        code,
        Number(count),
      ]),
    ),
    error: row.error,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

/** An asset import as its page shows it: its state and the fields its columns can fill. */
export async function getImport(db: Executor, tenantId: string, importId: string): Promise<AssetImportView> {
  const state = await getImportState(db, tenantId, importId, "assets");
  return { ...state, fields: await importFieldOptions(db, tenantId) };
}

/**
 * One page of an import's problems, in file order. The import's row lists the first
 * PROBLEMS_LISTED (a few hundred kilobytes at most); the report download has every one.
 */
export async function importProblemsPage(
  db: Executor,
  tenantId: string,
  input: { importId: string; page: number; pageSize: number },
  kind: ImportKind = "assets",
) {
  const offset = (input.page - 1) * input.pageSize;
  const row = await db
    .selectFrom("asset_imports")
    .select([
      "problem_count",
      sql<number>`jsonb_array_length(problems)`.as("listed"),
      sql<RowProblem[]>`(select coalesce(jsonb_agg(p order by n), '[]') from (
        select p, n from jsonb_array_elements(problems) with ordinality as e(p, n)
         order by n offset ${offset} limit ${input.pageSize}) page)`.as("items"),
    ])
    .where("tenant_id", "=", tenantId)
    .where("id", "=", input.importId)
    .where("kind", "=", kind)
    .executeTakeFirst();
  if (!row) throw notFound();
  return {
    items: row.items,
    total: row.problem_count,
    listed: Number(row.listed),
    page: input.page,
    pageSize: input.pageSize,
  };
}

/** The import's name and the dry run (or run) whose report is current. */
export async function importReportSource(db: Executor, tenantId: string, importId: string, kind: ImportKind) {
  const row = await db
    .selectFrom("asset_imports")
    .select(["file_name", "validation_generation", "problem_count"])
    .where("tenant_id", "=", tenantId)
    .where("id", "=", importId)
    .where("kind", "=", kind)
    .executeTakeFirst();
  if (!row) throw notFound();
  return { fileName: row.file_name, generation: row.validation_generation, problemCount: row.problem_count };
}

/** One chunk of an import's problem report (CSV rows), by position; undefined past the last. */
export async function importReportChunk(
  db: Executor,
  tenantId: string,
  input: { importId: string; generation: number; after: number },
) {
  return db
    .selectFrom("asset_import_reports")
    .select(["seq", "content"])
    .where("tenant_id", "=", tenantId)
    .where("import_id", "=", input.importId)
    .where("generation", "=", input.generation)
    .where("seq", ">", input.after)
    .orderBy("seq")
    .limit(1)
    .executeTakeFirst();
}

/** The tenant's latest imports of a kind. */
export async function listImports(db: Executor, tenantId: string, kind: ImportKind, limit = 20) {
  const rows = await db
    .selectFrom("asset_imports")
    .select(["id", "file_name", "status", "total_rows", "imported_rows", "created_at"])
    .where("tenant_id", "=", tenantId)
    .where("kind", "=", kind)
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    fileName: row.file_name,
    status: row.status as ImportStateView["status"],
    totalRows: row.total_rows,
    importedRows: row.imported_rows,
    createdAt: row.created_at,
  }));
}
