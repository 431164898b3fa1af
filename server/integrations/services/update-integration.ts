import type { TenantScope } from "../../context";
import { isUniqueViolation } from "../../db-errors";
import { changesBetween } from "../../events/changes";
import { emit } from "../../events/emit";
import { hintsOf, openCredentials, sealCredentials } from "../credentials";
import { checkFields } from "../fields";
import { lockIntegration } from "../queries";
import { type IntegrationRuntime, providerOf } from "../runtime";
import { UpdateIntegrationInput } from "../schemas";
import { nameTaken } from "./create-integration";

const asStrings = (value: unknown) => (value ?? {}) as Record<string, string>;

/**
 * Edits an integration. Credentials given replace those fields only (the others stay sealed as
 * they were) and are re-sealed together; the event lists the replaced credential names, never a
 * value. Options are replaced as a whole (the form sends them all). Nothing changed, nothing written.
 */
export async function updateIntegration(
  scope: TenantScope,
  runtime: Pick<IntegrationRuntime, "adapterFor" | "allowPrivateHosts">,
  raw: UpdateIntegrationInput,
) {
  const input = UpdateIntegrationInput.parse(raw);
  const row = await lockIntegration(scope.db, scope.tenantId, input.id);
  const adapter = runtime.adapterFor(providerOf(row.provider));
  const checked = checkFields(
    adapter,
    { credentials: input.credentials, options: input.options },
    { partial: true, allowPrivateHosts: runtime.allowPrivateHosts },
  );

  const changes = changesBetween(
    {
      name: row.name,
      schedule: row.schedule,
      fieldPolicy: row.field_policy,
      options: asStrings(row.options),
    },
    {
      name: input.name,
      schedule: input.schedule,
      fieldPolicy: input.fieldPolicy,
      options: input.options === undefined ? undefined : checked.options,
    },
  );
  let sealed: { credentials_sealed: string; credential_hints: string } | undefined;
  let replaced: string[] = [];
  if (input.credentials && Object.keys(checked.credentials).length > 0) {
    const current = openCredentials(scope.tenantId, row.id, row.credentials_sealed);
    replaced = Object.keys(checked.credentials).filter((name) => current[name] !== checked.credentials[name]);
    if (replaced.length > 0) {
      const next = { ...current, ...checked.credentials };
      sealed = {
        credentials_sealed: sealCredentials(scope.tenantId, row.id, next),
        credential_hints: JSON.stringify(hintsOf(next)),
      };
    }
  }
  if (Object.keys(changes).length === 0 && !sealed) return { id: row.id, changed: false };

  try {
    await scope.db
      .updateTable("integrations")
      .set({
        name: input.name,
        schedule: input.schedule,
        field_policy: input.fieldPolicy,
        options: input.options === undefined ? undefined : JSON.stringify(checked.options),
        ...sealed,
      })
      .where("tenant_id", "=", scope.tenantId)
      .where("id", "=", row.id)
      .execute();
  } catch (error) {
    if (isUniqueViolation(error, "integrations_tenant_name_key")) throw nameTaken(input.name ?? row.name);
    throw error;
  }
  await emit(scope, {
    name: "integration.updated",
    entityId: row.id,
    data: {
      name: input.name ?? row.name,
      changes,
      ...(replaced.length > 0 ? { credentialsReplaced: replaced } : {}),
    },
  });
  return { id: row.id, changed: true };
}
