import type { TenantScope } from "../../context";
import { emit } from "../../events/emit";
import { CreateLicenseInput } from "../schemas";

/** Records a licence the organization bought: seats (none: unlimited), cost per seat, dates. */
export async function createLicense(scope: TenantScope, raw: CreateLicenseInput) {
  const input = CreateLicenseInput.parse(raw);
  const license = await scope.db
    .insertInto("licenses")
    .values({
      tenant_id: scope.tenantId,
      name: input.name,
      vendor: input.vendor ?? null,
      seats: input.seats ?? null,
      cost_per_seat:
        input.costPerSeat === null || input.costPerSeat === undefined ? null : input.costPerSeat.toFixed(2),
      purchased_on: input.purchasedOn ?? null,
      expires_on: input.expiresOn ?? null,
      notes: input.notes ?? "",
    })
    .returning(["id", "name"])
    .executeTakeFirstOrThrow();
  await emit(scope, {
    name: "license.created",
    entityId: license.id,
    data: {
      name: license.name,
      vendor: input.vendor ?? null,
      seats: input.seats ?? null,
      expiresOn: input.expiresOn ?? null,
    },
  });
  return license;
}
