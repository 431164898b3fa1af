import type { TenantScope } from "../../../context";
import { AppError } from "../../../errors";
import { emit } from "../../../events/emit";
import { lockCategory } from "../custom-field-rows";
import type { ReorderCustomFieldsInput } from "../schemas";

/** Puts a category's fields in the given order (every field of the category, each once). */
export async function reorderCustomFields(scope: TenantScope, input: ReorderCustomFieldsInput) {
  const { db, tenantId } = scope;
  const category = await lockCategory(db, tenantId, input.categoryId);
  const fields = await db
    .selectFrom("custom_field_definitions")
    .select(["id", "key"])
    .where("tenant_id", "=", tenantId)
    .where("category_id", "=", category.id)
    .execute();
  const known = new Map(fields.map((field) => [field.id, field.key]));
  const complete =
    input.fieldIds.length === known.size &&
    new Set(input.fieldIds).size === known.size &&
    input.fieldIds.every((id) => known.has(id));
  if (!complete) {
    throw new AppError(
      "CONFLICT",
      `The fields of ${category.name} changed while you were reordering them; reload and try again.`,
    );
  }
  for (const [position, id] of input.fieldIds.entries()) {
    await db
      .updateTable("custom_field_definitions")
      .set({ position })
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .execute();
  }
  const keys = input.fieldIds.map((id) => known.get(id) ?? id);
  await emit(scope, {
    name: "category.fields_reordered",
    entityId: category.id,
    data: { keys },
  });
  return { categoryId: category.id, keys };
}
