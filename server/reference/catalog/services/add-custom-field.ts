import type { TenantScope } from "../../../context";
import { AppError } from "../../../errors";
import { emit } from "../../../events/emit";
import { fieldKeyFrom } from "../catalog-names";
import { lockCategory } from "../custom-field-rows";
import type { AddCustomFieldInput } from "../schemas";

/**
 * Adds a custom field to a category, after its existing fields. The key is derived from the label
 * unless given; a derived key that is taken gets a number ("serial_2"), a chosen one is refused.
 */
export async function addCustomField(scope: TenantScope, input: AddCustomFieldInput) {
  const { db, tenantId } = scope;
  const category = await lockCategory(db, tenantId, input.categoryId);
  const existing = await db
    .selectFrom("custom_field_definitions")
    .select(["key", "label", "position", "archived_at"])
    .where("tenant_id", "=", tenantId)
    .where("category_id", "=", category.id)
    .execute();
  const sameLabel = existing.find(
    (field) => field.archived_at === null && field.label.toLowerCase() === input.label.toLowerCase(),
  );
  if (sameLabel) {
    throw new AppError("CONFLICT", `${category.name} already has a field labelled ${sameLabel.label}.`, {
      field: "label",
    });
  }
  const keys = new Set(existing.map((field) => field.key));
  let key = input.key ?? fieldKeyFrom(input.label);
  if (keys.has(key)) {
    if (input.key) {
      throw new AppError(
        "CONFLICT",
        `${category.name} already has a field with the key ${key}; choose another key.`,
        {
          field: "key",
        },
      );
    }
    const base = key.slice(0, 58);
    let n = 2;
    while (keys.has(`${base}_${n}`)) n++;
    key = `${base}_${n}`;
  }
  const position = existing.reduce((max, field) => Math.max(max, field.position + 1), 0);
  const options = input.type === "select" ? input.options : [];
  const field = await db
    .insertInto("custom_field_definitions")
    .values({
      tenant_id: tenantId,
      category_id: category.id,
      key,
      label: input.label,
      type: input.type,
      required: input.required,
      options: JSON.stringify(options),
      position,
    })
    .returning(["id", "key", "label"])
    .executeTakeFirstOrThrow();
  await emit(scope, {
    name: "category.field_added",
    entityId: category.id,
    data: { fieldId: field.id, key, label: input.label, type: input.type, required: input.required },
  });
  return field;
}
