import type { TenantScope } from "../../../context";
import { AppError } from "../../../errors";
import { emit } from "../../../events/emit";
import { isImportTarget, mappingProblems } from "../fields";
import { storedMapping } from "../prepare";
import { getImport, lockImport } from "../queries";
import { type ImportKind, ValidateAssetImportInput } from "../schemas";

/** What a kind of import accepts as a mapping. */
export type MappingRules<T extends string> = {
  kind: ImportKind;
  isTarget: (value: string) => value is T;
  /** The mapping's problems as a whole (a field used twice, a required one missing). */
  problems: (columns: Array<T | null>) => string[];
};

/**
 * Saves an import's column mapping and starts a new dry run generation, for any kind of import;
 * the caller emits its event for the check function. Can be asked again with another mapping
 * until the import is confirmed: the newest generation wins, an older check still running is
 * discarded.
 */
export async function saveImportMapping<T extends string>(
  scope: TenantScope,
  raw: ValidateAssetImportInput,
  rules: MappingRules<T>,
) {
  const input = ValidateAssetImportInput.parse(raw);
  const current = await lockImport(scope.db, scope.tenantId, input.importId, rules.kind);
  if (current.status !== "uploaded" && current.status !== "validated" && current.status !== "validating") {
    throw new AppError(
      "CONFLICT",
      `This import is already ${current.status}; upload the file again to redo it.`,
    );
  }
  const mapping = storedMapping(current.mapping);
  if (input.columns.length !== mapping.headers.length) {
    throw new AppError("BAD_REQUEST", `The file has ${mapping.headers.length} columns; map each of them.`);
  }
  const columns = input.columns.map((target): T | null => {
    if (target === null || target === "") return null;
    if (!rules.isTarget(target))
      throw new AppError("BAD_REQUEST", `"${target}" is not a field an import can fill.`);
    return target;
  });
  const problems = rules.problems(columns);
  if (problems.length > 0) throw new AppError("UNPROCESSABLE", problems.join(" "));

  const generation = current.validation_generation + 1;
  await scope.db
    .updateTable("asset_imports")
    .set({
      mapping: JSON.stringify({ ...mapping, columns }),
      status: "validating",
      validation_generation: generation,
      processed_rows: 0,
      error: null,
    })
    .where("id", "=", current.id)
    .execute();
  // what the <kind>_import.mapped event says
  return { id: current.id, data: { fileName: current.file_name, generation, totalRows: current.total_rows } };
}

/**
 * Asks for the dry run: saves the column mapping and hands the check of every row to the
 * check-asset-import function (asset_import.mapped), which validates the file in the background
 * against the tenant's data, writing nothing but the import's own row (its problems and counts)
 * and its problem report; the page follows its progress.
 */
export async function validateAssetImport(scope: TenantScope, raw: ValidateAssetImportInput) {
  const saved = await saveImportMapping(scope, raw, {
    kind: "assets",
    isTarget: isImportTarget,
    problems: mappingProblems,
  });
  await emit(scope, { name: "asset_import.mapped", entityId: saved.id, data: saved.data });
  return getImport(scope.db, scope.tenantId, saved.id);
}
