import { sql } from "kysely";
import type { TenantScope } from "../../context";
import { AppError } from "../../errors";
import { changesBetween } from "../../events/changes";
import { emit } from "../../events/emit";
import { assertDatePairs } from "../../schemas/date-pairs";
import { countActiveSeats, lockLicense } from "../queries";
import { licenseDatePairs, UpdateLicenseInput } from "../schemas";

const columns = {
  name: "name",
  vendor: "vendor",
  seats: "seats",
  costPerSeat: "cost_per_seat",
  purchasedOn: "purchased_on",
  expiresOn: "expires_on",
  notes: "notes",
} as const;
type Field = keyof typeof columns;

/**
 * Edits a licence; the event carries each changed field before and after. Seats cannot go below
 * those in use (the licence is locked, so no assignment slips in meanwhile).
 */
export async function updateLicense(scope: TenantScope, raw: UpdateLicenseInput) {
  const input = UpdateLicenseInput.parse(raw);
  const current = await lockLicense(scope.db, scope.tenantId, input.licenseId);
  if (current.archived_at) {
    throw new AppError(
      "INVALID_TRANSITION",
      `${current.name} is archived; archived licences cannot be edited.`,
    );
  }
  assertDatePairs(
    {
      purchasedOn: input.purchasedOn === undefined ? current.purchased_on : input.purchasedOn,
      expiresOn: input.expiresOn === undefined ? current.expires_on : input.expiresOn,
    },
    licenseDatePairs,
  );
  if (input.seats !== undefined && input.seats !== null) {
    const used = await countActiveSeats(scope.db, scope.tenantId, current.id);
    if (input.seats < used) {
      throw new AppError(
        "CONFLICT",
        `${current.name} has ${used} seats in use; revoke ${used - input.seats} before lowering it to ${input.seats}.`,
        { field: "seats" },
      );
    }
  }

  const next: Partial<Record<Field, unknown>> = { ...input };
  if (typeof next.costPerSeat === "number") next.costPerSeat = next.costPerSeat.toFixed(2);
  if (input.notes !== undefined) next.notes = input.notes ?? "";
  const changes = changesBetween(
    current,
    Object.fromEntries(Object.entries(columns).map(([field, column]) => [column, next[field as Field]])),
  );
  if (Object.keys(changes).length === 0) return { id: current.id, name: current.name };
  const set = Object.fromEntries(Object.entries(changes).map(([column, { after }]) => [column, after]));
  const updated = await scope.db
    .updateTable("licenses")
    .set({ ...set, updated_at: sql`now()` })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", current.id)
    .returning(["id", "name"])
    .executeTakeFirstOrThrow();
  await emit(scope, { name: "license.updated", entityId: current.id, data: { name: updated.name, changes } });
  return updated;
}
