import type { TenantScope } from "../../../context";
import { AppError } from "../../../errors";
import { changesBetween } from "../../../events/changes";
import { emit } from "../../../events/emit";
import { lockCustomField } from "../custom-field-rows";

/**
 * Archives a custom field (asset forms stop showing and validating it; values already stored stay)
 * or restores it. Restoring refuses a label now used by another active field of the category.
 */
export async function setCustomFieldArchived(scope: TenantScope, input: { id: string }, archived: boolean) {
  const { db, tenantId } = scope;
  const field = await lockCustomField(db, tenantId, input.id);
  if ((field.archived_at !== null) === archived) {
    return { id: field.id, name: field.label, archivedAt: field.archived_at };
  }
  if (!archived) {
    const taken = await db
      .selectFrom("custom_field_definitions")
      .select("id")
      .where("tenant_id", "=", tenantId)
      .where("category_id", "=", field.category_id)
      .where("archived_at", "is", null)
      .where((eb) => eb(eb.fn("lower", ["label"]), "=", field.label.toLowerCase()))
      .executeTakeFirst();
    if (taken) {
      throw new AppError(
        "CONFLICT",
        `${field.categoryName} already has an active field labelled ${field.label}; rename one of them first.`,
      );
    }
  }
  const archivedAt = archived ? new Date() : null;
  await db
    .updateTable("custom_field_definitions")
    .set({ archived_at: archivedAt })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", field.id)
    .execute();
  await emit(scope, {
    name: "category.field_changed",
    entityId: field.category_id,
    data: {
      fieldId: field.id,
      key: field.key,
      changes: changesBetween({ archived: !archived }, { archived }),
    },
  });
  return { id: field.id, name: field.label, archivedAt };
}
