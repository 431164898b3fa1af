import { kindLabels } from "../../../assets/lifecycle";
import type { TenantScope } from "../../../context";
import { AppError } from "../../../errors";
import { emit } from "../../../events/emit";
import { refuseDuplicateOnRace } from "../../conflicts";
import { findStatusByLabel } from "../queries";
import type { CreateStatusInput } from "../schemas";
import { clearDefault, currentDefault } from "./set-default-status";

/**
 * Adds a status label mapped to a lifecycle kind. It becomes the kind's default when asked to, or
 * when the kind has no default yet (every kind keeps exactly one).
 */
export async function createStatus(scope: TenantScope, input: CreateStatusInput) {
  const { db, tenantId } = scope;
  const taken = await findStatusByLabel(db, tenantId, input.label);
  if (taken) {
    throw new AppError("CONFLICT", `A status named ${taken.label} already exists.`, {
      existingId: taken.id,
      existingName: taken.label,
    });
  }
  const previous = await currentDefault(db, tenantId, input.kind);
  const isDefault = input.isDefault || !previous;
  if (isDefault && previous) await clearDefault(db, tenantId, input.kind);
  const status = await refuseDuplicateOnRace(
    db
      .insertInto("statuses")
      .values({
        tenant_id: tenantId,
        label: input.label,
        kind: input.kind,
        color: input.color,
        is_default: isDefault,
      })
      .returning(["id", "label", "kind"])
      .executeTakeFirstOrThrow(),
    `A status named ${input.label} was just created, or the default ${kindLabels[input.kind].toLowerCase()} status just changed. Reload and try again.`,
  );
  await emit(scope, {
    name: "status.created",
    entityId: status.id,
    data: { label: status.label, kind: status.kind, isDefault },
  });
  if (isDefault && previous) {
    await emit(scope, {
      name: "status.default_changed",
      entityId: status.id,
      data: { label: status.label, kind: input.kind, previousDefaultId: previous.id },
    });
  }
  return { id: status.id, label: status.label, kind: input.kind };
}
