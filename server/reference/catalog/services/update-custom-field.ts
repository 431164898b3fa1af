import type { TenantScope } from "../../../context";
import { AppError } from "../../../errors";
import { changesBetween } from "../../../events/changes";
import { emit } from "../../../events/emit";
import { lockCustomField } from "../custom-field-rows";
import type { UpdateCustomFieldInput } from "../schemas";

/**
 * Changes a custom field's label, whether it is required, or a select field's options. Its key and
 * type stay: values already stored on assets depend on them.
 */
export async function updateCustomField(scope: TenantScope, input: UpdateCustomFieldInput) {
  const { db, tenantId } = scope;
  const field = await lockCustomField(db, tenantId, input.id);
  if (input.options !== undefined && field.type !== "select" && input.options.length > 0) {
    throw new AppError(
      "UNPROCESSABLE",
      `${field.label} is a ${field.type} field; only select fields have options.`,
      {
        field: "options",
      },
    );
  }
  if (field.type === "select" && input.options?.length === 0) {
    throw new AppError("UNPROCESSABLE", `${field.label} is a select field; give it at least one option.`, {
      field: "options",
    });
  }
  if (input.label && input.label.toLowerCase() !== field.label.toLowerCase()) {
    const taken = await db
      .selectFrom("custom_field_definitions")
      .select("label")
      .where("tenant_id", "=", tenantId)
      .where("category_id", "=", field.category_id)
      .where("archived_at", "is", null)
      .where("id", "<>", field.id)
      .where((eb) => eb(eb.fn("lower", ["label"]), "=", input.label?.toLowerCase() ?? ""))
      .executeTakeFirst();
    if (taken) {
      throw new AppError("CONFLICT", `${field.categoryName} already has a field labelled ${taken.label}.`, {
        field: "label",
      });
    }
  }
  const changes = changesBetween(
    { label: field.label, required: field.required, options: field.options },
    {
      label: input.label,
      required: input.required,
      options: field.type === "select" ? input.options : undefined,
    },
  );
  if (Object.keys(changes).length === 0) return { id: field.id, key: field.key, label: field.label };
  const label = input.label ?? field.label;
  await db
    .updateTable("custom_field_definitions")
    .set({
      label,
      required: input.required ?? field.required,
      options: JSON.stringify(changes.options ? input.options : field.options),
    })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", field.id)
    .execute();
  await emit(scope, {
    name: "category.field_changed",
    entityId: field.category_id,
    data: { fieldId: field.id, key: field.key, changes },
  });
  return { id: field.id, key: field.key, label };
}
