import type { TenantContext } from "../../context";
import { emit } from "../../events/emit";
import { assertCatalogNameAvailable } from "../catalog-names";
import { refuseDuplicateOnRace } from "../conflicts";
import { normalizeName } from "../normalize";

/** Creates a manufacturer unless one with the same normalized name exists ("Dell Inc." is "Dell Inc"). */
export async function createManufacturer(ctx: TenantContext, input: { name: string }) {
  await assertCatalogNameAvailable(ctx.db, ctx.tenantId, "manufacturers", input.name);
  const manufacturer = await refuseDuplicateOnRace(
    ctx.db
      .insertInto("manufacturers")
      .values({ tenant_id: ctx.tenantId, name: input.name, normalized_name: normalizeName(input.name) })
      .returning(["id", "name"])
      .executeTakeFirstOrThrow(),
    `A manufacturer named ${input.name} was just created. Reload to see it.`,
  );
  await emit(ctx.db, {
    tenantId: ctx.tenantId,
    name: "manufacturer.created",
    actor: ctx.actor,
    entityId: manufacturer.id,
    data: { name: manufacturer.name },
  });
  return manufacturer;
}
