import type { TenantScope } from "../../../context";
import { emit } from "../../../events/emit";
import { refuseDuplicateOnRace } from "../../conflicts";
import { assertNameAvailable } from "../matcher";
import { normalizeName } from "../normalize";
import type { CreateOrganizationInput } from "../schemas";

/** Creates an organization unless its name (normalized, or as an alias) is already taken. */
export async function createOrganization(scope: TenantScope, input: CreateOrganizationInput) {
  await assertNameAvailable(scope.db, scope.tenantId, "organization", input.name);
  const organization = await refuseDuplicateOnRace(
    scope.db
      .insertInto("organizations")
      .values({ tenant_id: scope.tenantId, name: input.name, normalized_name: normalizeName(input.name) })
      .returning(["id", "name"])
      .executeTakeFirstOrThrow(),
    `An organization named ${input.name} was just created. Reload to see it.`,
  );
  await emit(scope, {
    name: "organization.created",
    entityId: organization.id,
    data: { name: organization.name },
  });
  return organization;
}
