import type { Executor } from "../../db";
import { AppError } from "../../errors";

/** Model names are unique per manufacturer, whatever their case. */
export async function assertModelNameAvailable(
  db: Executor,
  tenantId: string,
  manufacturer: { id: string; name: string },
  name: string,
  exceptId?: string,
): Promise<void> {
  const existing = await db
    .selectFrom("asset_models")
    .select(["id", "name", "archived_at"])
    .where("tenant_id", "=", tenantId)
    .where("manufacturer_id", "=", manufacturer.id)
    .where((eb) => eb(eb.fn("lower", ["name"]), "=", name.toLowerCase()))
    .executeTakeFirst();
  if (!existing || existing.id === exceptId) return;
  const archived = existing.archived_at ? " It is archived; unarchive it to use it again." : "";
  throw new AppError(
    "CONFLICT",
    `${manufacturer.name} already has a model named ${existing.name}.${archived}`,
    {
      existingId: existing.id,
      existingName: existing.name,
      archived: existing.archived_at !== null,
    },
  );
}
