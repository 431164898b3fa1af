import { randomUUID } from "node:crypto";
import { defaultStatuses } from "@/server/assets/lifecycle";
import { createAsset } from "@/server/assets/services/create-asset";
import { type Db, withPlatform } from "@/server/db";
import { normalizeName } from "@/server/reference/names/normalize";
import { asUser, type TestUser } from "./tenants";

/** Statuses (if the tenant has none yet), a Laptops category, and two employees. */
export async function createAssetFixtures(db: Db, tenantId: string) {
  return withPlatform(db, async (trx) => {
    const existing = await trx
      .selectFrom("statuses")
      .select("id")
      .where("tenant_id", "=", tenantId)
      .limit(1)
      .executeTakeFirst();
    if (!existing) {
      await trx
        .insertInto("statuses")
        .values(defaultStatuses.map((status) => ({ tenant_id: tenantId, ...status, is_default: true })))
        .execute();
    }
    const suffix = randomUUID().slice(0, 6);
    const category = await trx
      .insertInto("categories")
      .values({
        tenant_id: tenantId,
        name: `Laptops ${suffix}`,
        normalized_name: normalizeName(`Laptops ${suffix}`),
        depreciation_months: 36,
      })
      .returning(["id", "name"])
      .executeTakeFirstOrThrow();
    const [jane, omar] = await trx
      .insertInto("employees")
      .values([
        {
          tenant_id: tenantId,
          first_name: "Jane",
          last_name: `Doe ${suffix}`,
          work_email: `jane-${suffix}@example.test`,
        },
        {
          tenant_id: tenantId,
          first_name: "Omar",
          last_name: `Haddad ${suffix}`,
          work_email: `omar-${suffix}@example.test`,
        },
      ])
      .returning(["id", "display_name"])
      .execute();
    const statuses = await trx
      .selectFrom("statuses")
      .select(["id", "kind", "label"])
      .where("tenant_id", "=", tenantId)
      .execute();
    if (!jane || !omar) throw new Error("employees not created");
    return {
      categoryId: category.id,
      categoryName: category.name,
      jane: { id: jane.id, name: jane.display_name ?? "" },
      omar: { id: omar.id, name: omar.display_name ?? "" },
      statusOf: (kind: string) => statuses.find((status) => status.kind === kind)?.id ?? "",
    };
  });
}

/** A category of its own; `depreciationMonths` null means its assets keep their cost as book value. */
export async function createTestCategory(
  db: Db,
  tenantId: string,
  name: string,
  depreciationMonths: number | null = 36,
) {
  const unique = `${name} ${randomUUID().slice(0, 6)}`;
  const category = await withPlatform(db, (trx) =>
    trx
      .insertInto("categories")
      .values({
        tenant_id: tenantId,
        name: unique,
        normalized_name: normalizeName(unique),
        depreciation_months: depreciationMonths,
      })
      .returning(["id", "name"])
      .executeTakeFirstOrThrow(),
  );
  return category;
}

export function createTestAsset(
  db: Db,
  user: TestUser,
  categoryId: string,
  overrides: Partial<Parameters<typeof createAsset>[1]> = {},
) {
  return asUser(db, user, (ctx) =>
    createAsset(ctx, {
      name: "MacBook Pro 14",
      categoryId,
      serial: `SN-${randomUUID().slice(0, 10)}`,
      ...overrides,
    }),
  );
}
