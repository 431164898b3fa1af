import type { TenantContext } from "../../../context";
import { AppError } from "../../../errors";
import { isImportTarget, mappingProblems } from "../fields";
import { prepareImport, storedMapping } from "../prepare";
import { getImport, lockImport } from "../queries";
import { ValidateAssetImportInput } from "../schemas";

/**
 * The dry run: saves the column mapping and validates every row against the tenant's data,
 * writing nothing but the import's own row (its problems and counts). Can be run again with
 * another mapping until the import is confirmed.
 */
export async function validateAssetImport(ctx: TenantContext, raw: ValidateAssetImportInput) {
  const input = ValidateAssetImportInput.parse(raw);
  const current = await lockImport(ctx.db, ctx.tenantId, input.importId);
  if (current.status !== "uploaded" && current.status !== "validated") {
    throw new AppError(
      "CONFLICT",
      `This import is already ${current.status}; upload the file again to redo it.`,
    );
  }
  const mapping = storedMapping(current.mapping);
  if (input.columns.length !== mapping.headers.length) {
    throw new AppError("BAD_REQUEST", `The file has ${mapping.headers.length} columns; map each of them.`);
  }
  const columns = input.columns.map((target) => {
    if (target === null || target === "") return null;
    if (!isImportTarget(target))
      throw new AppError("BAD_REQUEST", `"${target}" is not a field an import can fill.`);
    return target;
  });
  const problems = mappingProblems(columns);
  if (problems.length > 0) throw new AppError("UNPROCESSABLE", problems.join(" "));

  const nextMapping = { ...mapping, columns };
  const result = await prepareImport(
    ctx.db,
    ctx.tenantId,
    { content: current.content, delimiter: current.delimiter, mapping: nextMapping },
    { checkExisting: true },
  );
  await ctx.db
    .updateTable("asset_imports")
    .set({
      mapping: JSON.stringify(nextMapping),
      status: "validated",
      total_rows: result.lines.length,
      valid_rows: result.rows.length,
      problems: JSON.stringify(result.problems),
    })
    .where("id", "=", current.id)
    .execute();
  return getImport(ctx.db, ctx.tenantId, current.id);
}
