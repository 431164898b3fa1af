import type { TenantScope } from "../../context";
import type { Trx } from "../../db";
import { emit } from "../../events/emit";
import { normalizeName } from "../names/normalize";

/** Categories a new organization starts with, and how many months each depreciates over. */
export const starterCategories = [
  { name: "Laptops", depreciationMonths: 36 },
  { name: "Monitors", depreciationMonths: 60 },
  { name: "Phones", depreciationMonths: 24 },
  { name: "Peripherals", depreciationMonths: 24 },
] as const;

const hasAny = async (trx: Trx, tenantId: string, table: "locations" | "departments" | "categories") =>
  Boolean(
    await trx.selectFrom(table).select("id").where("tenant_id", "=", tenantId).limit(1).executeTakeFirst(),
  );

/**
 * A new organization starts with a "Headquarters" site, an "IT Department" and four asset
 * categories, so assets and people have somewhere to go on day one. Idempotent: whatever kind of
 * reference data a tenant already has (the demo seed, a second run of the function) is left as it is.
 */
export async function provisionTenantDefaults(scope: TenantScope) {
  const { db, tenantId } = scope;
  const created: string[] = [];
  if (!(await hasAny(db, tenantId, "locations"))) {
    const location = await db
      .insertInto("locations")
      .values({ tenant_id: tenantId, name: "Headquarters", kind: "site" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await emit(scope, {
      name: "location.created",
      entityId: location.id,
      data: { name: "Headquarters", kind: "site", parentId: null, via: "defaults" },
    });
    created.push("location:Headquarters");
  }
  if (!(await hasAny(db, tenantId, "departments"))) {
    const department = await db
      .insertInto("departments")
      .values({ tenant_id: tenantId, name: "IT Department", normalized_name: normalizeName("IT Department") })
      .returning("id")
      .executeTakeFirstOrThrow();
    await emit(scope, {
      name: "department.created",
      entityId: department.id,
      data: { name: "IT Department", via: "defaults" },
    });
    created.push("department:IT Department");
  }
  if (!(await hasAny(db, tenantId, "categories"))) {
    for (const category of starterCategories) {
      const row = await db
        .insertInto("categories")
        .values({
          tenant_id: tenantId,
          name: category.name,
          normalized_name: normalizeName(category.name),
          depreciation_months: category.depreciationMonths,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await emit(scope, {
        name: "category.created",
        entityId: row.id,
        data: { name: category.name, depreciationMonths: category.depreciationMonths, via: "defaults" },
      });
      created.push(`category:${category.name}`);
    }
  }
  return { created };
}
