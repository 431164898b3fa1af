import { sql } from "kysely";
import type { TenantScope } from "../../context";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { PublishTermsInput } from "./schemas";

/**
 * Publishes a new version of the equipment terms: the tenant's default, or a category's own
 * (which its assets are accepted under instead). Earlier versions stay, so every signed receipt
 * keeps pointing at the exact words accepted; new acceptances use this one. Publishes to one scope
 * are serialized, so two admins saving at once get versions n and n+1, never a clash.
 */
export async function publishTerms(scope: TenantScope, rawInput: PublishTermsInput) {
  const input = PublishTermsInput.parse(rawInput);
  const category = input.categoryId
    ? await scope.db
        .selectFrom("categories")
        .select(["id", "name"])
        .where("tenant_id", "=", scope.tenantId)
        .where("id", "=", input.categoryId)
        .executeTakeFirst()
    : null;
  if (input.categoryId && !category)
    throw new AppError("NOT_FOUND", "That category does not exist in this organization.", {
      field: "categoryId",
    });
  await sql`select pg_advisory_xact_lock(hashtext(${`equipment_terms:${scope.tenantId}:${input.categoryId ?? "default"}`}))`.execute(
    scope.db,
  );
  const latest = await scope.db
    .selectFrom("equipment_terms")
    .select(["version", "body"])
    .where("tenant_id", "=", scope.tenantId)
    .where((eb) =>
      input.categoryId ? eb("category_id", "=", input.categoryId) : eb("category_id", "is", null),
    )
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
  if (latest && latest.body === input.body)
    throw new AppError(
      "BAD_REQUEST",
      `These are the words of version ${latest.version} already; change them first.`,
      {
        field: "body",
      },
    );
  const version = (latest?.version ?? 0) + 1;
  const row = await scope.db
    .insertInto("equipment_terms")
    .values({
      tenant_id: scope.tenantId,
      category_id: input.categoryId,
      version,
      body: input.body,
      created_by_label: scope.actor.label.replace(/\s*<[^>]*>$/, ""),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await emit(scope, {
    name: "equipment_terms.published",
    entityId: row.id,
    data: { categoryId: input.categoryId, category: category?.name ?? null, version },
  });
  return { id: row.id, version };
}
