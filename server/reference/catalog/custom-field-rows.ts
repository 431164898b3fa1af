import type { Executor } from "../../db";
import { AppError } from "../../errors";

/** A category of the tenant, locked so its fields' keys and positions change one writer at a time. */
export async function lockCategory(db: Executor, tenantId: string, id: string) {
  const category = await db
    .selectFrom("categories")
    .select(["id", "name"])
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  if (!category)
    throw new AppError("NOT_FOUND", "That category does not exist here; it may have been deleted.");
  return category;
}

/** A custom field with its category's name, the category locked for the rest of the transaction. */
export async function lockCustomField(db: Executor, tenantId: string, id: string) {
  const field = await db
    .selectFrom("custom_field_definitions")
    .select(["id", "category_id", "key", "label", "type", "required", "options", "archived_at"])
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!field)
    throw new AppError("NOT_FOUND", "That custom field does not exist here; it may have been deleted.");
  const category = await lockCategory(db, tenantId, field.category_id);
  const options = Array.isArray(field.options) ? field.options.map(String) : [];
  return { ...field, options, categoryName: category.name };
}
