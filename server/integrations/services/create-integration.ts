import { randomUUID } from "node:crypto";
import type { TenantScope } from "../../context";
import { isUniqueViolation } from "../../db-errors";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { hintsOf, sealCredentials } from "../credentials";
import { checkFields } from "../fields";
import type { IntegrationRuntime } from "../runtime";
import { CreateIntegrationInput } from "../schemas";

export const nameTaken = (name: string) =>
  new AppError("CONFLICT", `An integration named ${name} already exists. Choose another name.`, {
    field: "name",
  });

/**
 * Adds an integration from the catalog. The id is chosen first because the credentials are sealed
 * bound to it; only their hints are stored readable. The event names the provider and the name,
 * never a credential.
 */
export async function createIntegration(
  scope: TenantScope,
  runtime: Pick<IntegrationRuntime, "adapterFor" | "allowPrivateHosts">,
  raw: CreateIntegrationInput,
) {
  const input = CreateIntegrationInput.parse(raw);
  const adapter = runtime.adapterFor(input.provider);
  const { credentials, options } = checkFields(adapter, input, {
    allowPrivateHosts: runtime.allowPrivateHosts,
  });
  const id = randomUUID();
  try {
    await scope.db
      .insertInto("integrations")
      .values({
        id,
        tenant_id: scope.tenantId,
        provider: input.provider,
        name: input.name,
        credentials_sealed: sealCredentials(scope.tenantId, id, credentials),
        credential_hints: JSON.stringify(hintsOf(credentials)),
        options: JSON.stringify(options),
        schedule: input.schedule,
        field_policy: input.fieldPolicy,
      })
      .execute();
  } catch (error) {
    if (isUniqueViolation(error, "integrations_tenant_name_key")) throw nameTaken(input.name);
    throw error;
  }
  await emit(scope, {
    name: "integration.created",
    entityId: id,
    data: { provider: input.provider, name: input.name, schedule: input.schedule },
  });
  return { id };
}
