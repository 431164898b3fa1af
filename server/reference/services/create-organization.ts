import type { TenantContext } from "../../context";
import { emit } from "../../events/emit";
import { refuseDuplicateOnRace } from "../conflicts";
import { assertNameAvailable } from "../matcher";
import { normalizeName } from "../normalize";
import type { CreateOrganizationInput } from "../schemas/names";

/** Creates an organization unless its name (normalized, or as an alias) is already taken. */
export async function createOrganization(ctx: TenantContext, input: CreateOrganizationInput) {
  await assertNameAvailable(ctx.db, ctx.tenantId, "organization", input.name);
  const organization = await refuseDuplicateOnRace(
    ctx.db
      .insertInto("organizations")
      .values({ tenant_id: ctx.tenantId, name: input.name, normalized_name: normalizeName(input.name) })
      .returning(["id", "name"])
      .executeTakeFirstOrThrow(),
    `An organization named ${input.name} was just created. Reload to see it.`,
  );
  await emit(ctx.db, {
    tenantId: ctx.tenantId,
    name: "organization.created",
    actor: ctx.actor,
    entityId: organization.id,
    data: { name: organization.name },
  });
  return organization;
}
