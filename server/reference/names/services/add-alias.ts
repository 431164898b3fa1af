import type { TenantScope } from "../../../context";
import { AppError } from "../../../errors";
import { emit } from "../../../events/emit";
import { refuseDuplicateOnRace } from "../../conflicts";
import { findByName, lockNames, type NamedEntityType, nameConflict } from "../matcher";
import { lockNamedEntity } from "../named-entities";
import { normalizeName } from "../normalize";
import type { AddAliasInput } from "../schemas";

/**
 * Records another spelling of an organization or department ("IT dept", "Tech Support") so the
 * matcher resolves it there. Refused when the spelling already belongs to a different one.
 */
export async function addAlias(scope: TenantScope, entityType: NamedEntityType, input: AddAliasInput) {
  await lockNames(scope.db, scope.tenantId, entityType);
  const entity = await lockNamedEntity(scope.db, scope.tenantId, entityType, input.entityId);
  const normalized = normalizeName(input.alias);
  const match = await findByName(scope.db, scope.tenantId, entityType, input.alias);
  if (match && match.id !== entity.id) throw nameConflict(entityType, input.alias, match);
  const recorded = await scope.db
    .selectFrom("name_aliases")
    .select("alias")
    .where("tenant_id", "=", scope.tenantId)
    .where("entity_type", "=", entityType)
    .where("normalized_alias", "=", normalized)
    .executeTakeFirst();
  if (recorded) {
    throw new AppError(
      "CONFLICT",
      `${entity.name} already has the alias "${recorded.alias}", which matches "${input.alias}".`,
    );
  }
  const alias = await refuseDuplicateOnRace(
    scope.db
      .insertInto("name_aliases")
      .values({
        tenant_id: scope.tenantId,
        entity_type: entityType,
        entity_id: entity.id,
        alias: input.alias,
        normalized_alias: normalized,
      })
      .returning(["id", "alias"])
      .executeTakeFirstOrThrow(),
    `"${input.alias}" was just recorded as an alias. Reload to see where.`,
  );
  await emit(scope, {
    name: entityType === "organization" ? "organization.alias_added" : "department.alias_added",
    entityId: entity.id,
    data: { aliasId: alias.id, alias: alias.alias },
  });
  return { id: alias.id, alias: alias.alias, entityId: entity.id, entityName: entity.name };
}
