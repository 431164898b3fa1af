import type { StatusKind } from "../../../assets/lifecycle";
import { kindLabels } from "../../../assets/lifecycle";
import type { TenantScope } from "../../../context";
import type { Executor } from "../../../db";
import { AppError } from "../../../errors";
import { emit } from "../../../events/emit";
import { lockStatus } from "../queries";

/** The default status of a kind, locked (setting a default serializes on it). */
export async function currentDefault(db: Executor, tenantId: string, kind: StatusKind) {
  return db
    .selectFrom("statuses")
    .select(["id", "label"])
    .where("tenant_id", "=", tenantId)
    .where("kind", "=", kind)
    .where("is_default", "=", true)
    .forUpdate()
    .executeTakeFirst();
}

/** Unsets the kind's default; the caller sets the new one in the same transaction. */
export async function clearDefault(db: Executor, tenantId: string, kind: StatusKind): Promise<void> {
  await db
    .updateTable("statuses")
    .set({ is_default: false })
    .where("tenant_id", "=", tenantId)
    .where("kind", "=", kind)
    .where("is_default", "=", true)
    .execute();
}

/**
 * Makes a status the default of its kind, moving the flag from the previous default (the unique
 * index statuses_default_kind_key allows one per kind). Lifecycle operations use the default.
 */
export async function setDefaultStatus(scope: TenantScope, input: { id: string }) {
  const { db, tenantId } = scope;
  const status = await lockStatus(db, tenantId, input.id);
  if (!status) throw new AppError("NOT_FOUND", "That status does not exist here; it may have been deleted.");
  if (status.is_default) return { id: status.id, label: status.label, kind: status.kind };
  if (status.archived_at) {
    throw new AppError(
      "UNPROCESSABLE",
      `${status.label} is archived; unarchive it before making it the default.`,
    );
  }
  const previous = await currentDefault(db, tenantId, status.kind);
  await clearDefault(db, tenantId, status.kind);
  await db
    .updateTable("statuses")
    .set({ is_default: true })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", status.id)
    .execute();
  await emit(scope, {
    name: "status.default_changed",
    entityId: status.id,
    data: { label: status.label, kind: status.kind, previousDefaultId: previous?.id ?? null },
  });
  return { id: status.id, label: status.label, kind: status.kind, kindLabel: kindLabels[status.kind] };
}
