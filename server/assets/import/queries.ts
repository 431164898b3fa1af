import { sql } from "kysely";
import type { Executor } from "../../db";
import { AppError } from "../../errors";
import { importFields } from "./fields";
import { storedMapping } from "./prepare";
import type { AssetImportView } from "./schemas";
import type { RowProblem } from "./validate-rows";

/** The import's row, locked for the rest of the transaction. */
export async function lockImport(trx: Executor, tenantId: string, importId: string) {
  const row = await trx
    .selectFrom("asset_imports")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", importId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", "That import does not exist in this organization.");
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

/** An import as its page shows it; the file's content and problems stay in the database. */
export async function getImport(db: Executor, tenantId: string, importId: string): Promise<AssetImportView> {
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
      sql<number>`jsonb_array_length(problems)`.as("problem_count"),
      sql<Record<string, number> | null>`(select jsonb_object_agg(code, n) from (
        select p->>'code' as code, count(*) as n from jsonb_array_elements(problems) p group by 1) counts)`.as(
        "problems_by_code",
      ),
    ])
    .where("tenant_id", "=", tenantId)
    .where("id", "=", importId)
    .executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", "That import does not exist in this organization.");
  const mapping = storedMapping(row.mapping);
  return {
    id: row.id,
    fileName: row.file_name,
    status: row.status as AssetImportView["status"],
    mode: row.mode as AssetImportView["mode"],
    delimiter: row.delimiter,
    headers: mapping.headers,
    columns: mapping.columns,
    sample: mapping.sample,
    fields: await importFieldOptions(db, tenantId),
    totalRows: row.total_rows,
    validRows: row.valid_rows,
    processedRows: row.processed_rows,
    importedRows: row.imported_rows,
    problemCount: Number(row.problem_count),
    problemsByCode: Object.fromEntries(
      Object.entries(row.problems_by_code ?? {}).map(([code, count]) => [code, Number(count)]),
    ),
    error: row.error,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

/** One page of an import's problems, in file order, unpacked from the jsonb array in SQL. */
export async function importProblemsPage(
  db: Executor,
  tenantId: string,
  input: { importId: string; page: number; pageSize: number },
) {
  const offset = (input.page - 1) * input.pageSize;
  const result = await sql<{ problem: RowProblem; total: number }>`
    select p.problem, jsonb_array_length(i.problems) as total
    from asset_imports i
    cross join lateral jsonb_array_elements(i.problems) with ordinality as p(problem, n)
    where i.tenant_id = ${tenantId} and i.id = ${input.importId}
    order by p.n
    offset ${offset} limit ${input.pageSize}`.execute(db);
  const total =
    result.rows[0]?.total ??
    Number(
      (
        await db
          .selectFrom("asset_imports")
          .select(sql<number>`jsonb_array_length(problems)`.as("total"))
          .where("tenant_id", "=", tenantId)
          .where("id", "=", input.importId)
          .executeTakeFirst()
      )?.total ?? 0,
    );
  return {
    items: result.rows.map((row) => row.problem),
    total: Number(total),
    page: input.page,
    pageSize: input.pageSize,
  };
}

/** Every problem of an import, in file order (the CSV download). */
export async function importProblems(db: Executor, tenantId: string, importId: string) {
  const row = await db
    .selectFrom("asset_imports")
    .select(["file_name", "problems"])
    .where("tenant_id", "=", tenantId)
    .where("id", "=", importId)
    .executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", "That import does not exist in this organization.");
  return { fileName: row.file_name, problems: row.problems as RowProblem[] };
}

/** The tenant's latest imports. */
export async function listImports(db: Executor, tenantId: string, limit = 20) {
  const rows = await db
    .selectFrom("asset_imports")
    .select(["id", "file_name", "status", "total_rows", "imported_rows", "created_at"])
    .where("tenant_id", "=", tenantId)
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    fileName: row.file_name,
    status: row.status as AssetImportView["status"],
    totalRows: row.total_rows,
    importedRows: row.imported_rows,
    createdAt: row.created_at,
  }));
}
