import type { TenantScope } from "../../../context";
import { AppError } from "../../../errors";
import { emit } from "../../../events/emit";
import type { NamedEntityType } from "../matcher";

/** Forgets a recorded spelling; names that only matched through it no longer resolve. */
export async function removeAlias(
  scope: TenantScope,
  entityType: NamedEntityType,
  input: { aliasId: string },
) {
  const alias = await scope.db
    .deleteFrom("name_aliases")
    .where("tenant_id", "=", scope.tenantId)
    .where("entity_type", "=", entityType)
    .where("id", "=", input.aliasId)
    .returning(["id", "alias", "entity_id"])
    .executeTakeFirst();
  if (!alias) throw new AppError("NOT_FOUND", "That alias does not exist; it may have been removed already.");
  await emit(scope, {
    name: entityType === "organization" ? "organization.alias_removed" : "department.alias_removed",
    entityId: alias.entity_id,
    data: { aliasId: alias.id, alias: alias.alias },
  });
  return { id: alias.id, alias: alias.alias };
}
