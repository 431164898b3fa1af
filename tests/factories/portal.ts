import { randomUUID } from "node:crypto";
import { assignAsset } from "@/server/assets/services/assign-asset";
import { userActor } from "@/server/context";
import { type Db, withPlatform } from "@/server/db";
import { fileStorage } from "@/server/files/storage";
import { acceptReceipt } from "@/server/portal/services/accept-receipt";
import { createTestAsset } from "./assets";
import { asUser, type TestUser } from "./tenants";

/** Makes `user` an employee of their tenant (linked record), created on first use. */
export async function linkedEmployeeOf(db: Db, user: TestUser): Promise<string> {
  return withPlatform(db, async (trx) => {
    const existing = await trx
      .selectFrom("employees")
      .select("id")
      .where("user_id", "=", user.id)
      .executeTakeFirst();
    if (existing) return existing.id;
    const suffix = randomUUID().slice(0, 6);
    const row = await trx
      .insertInto("employees")
      .values({
        tenant_id: user.tenantId,
        first_name: user.name,
        last_name: suffix,
        work_email: `holder-${suffix}@example.test`,
        user_id: user.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

/** An asset handed by `staff` to `user`'s linked employee record, waiting for their receipt. */
export async function heldAssetOf(db: Db, staff: TestUser, categoryId: string, user: TestUser) {
  const employeeId = await linkedEmployeeOf(db, user);
  const asset = await createTestAsset(db, staff, categoryId, { name: `${user.role} laptop` });
  await asUser(db, staff, (ctx) => assignAsset(ctx, { assetId: asset.id, employeeId }));
  return asset;
}

/** `user` accepts an asset they hold, as the portal's accept handler would (typed name). */
export async function acceptedReceiptOf(db: Db, user: TestUser, assetId: string) {
  return acceptReceipt(
    { db, tenantId: user.tenantId, user, actor: userActor(user), requestId: "test", cause: null },
    fileStorage(),
    { assetId, signerName: user.name, signature: null },
    { ipAddress: "192.0.2.10", userAgent: "Factory/1.0" },
  );
}
