import { sql } from "kysely";
import type { TenantScope } from "../../context";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { countActiveSeats, lockLicense } from "../queries";
import type { LicenseIdInput } from "../schemas";

/**
 * Takes a licence out of use: it leaves the list and pickers and the expiry scan. Its holders must
 * be revoked first, so nobody keeps a seat of a licence nobody sees.
 */
export async function archiveLicense(scope: TenantScope, input: LicenseIdInput) {
  const license = await lockLicense(scope.db, scope.tenantId, input.licenseId);
  if (license.archived_at) {
    throw new AppError("INVALID_TRANSITION", `${license.name} is already archived.`);
  }
  const used = await countActiveSeats(scope.db, scope.tenantId, license.id);
  if (used > 0) {
    throw new AppError(
      "INVALID_TRANSITION",
      `${license.name} still has ${used} ${used === 1 ? "holder" : "holders"}; revoke their seats before archiving it.`,
    );
  }
  await scope.db
    .updateTable("licenses")
    .set({ archived_at: sql`now()`, updated_at: sql`now()` })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", license.id)
    .execute();
  await emit(scope, { name: "license.archived", entityId: license.id, data: { name: license.name } });
  return { id: license.id, name: license.name };
}
