import type { TenantScope } from "../../context";
import { emit } from "../../events/emit";
import { withKeyring } from "../process-keyring";
import { sealedFieldsOf } from "../queries";
import { RevealSensitiveInput } from "../schemas";
import { openAll, type SensitiveField } from "../sensitive-fields";

/**
 * Opens the personal fields someone asked to see. Each reveal is an audited event naming the
 * fields (never the values), written in the same transaction as the read: no record, no reveal.
 */
export async function revealSensitiveFields(scope: TenantScope, raw: RevealSensitiveInput) {
  const input = RevealSensitiveInput.parse(raw);
  const fields = [...new Set(input.fields)] as SensitiveField[];
  const sealed = await sealedFieldsOf(scope.db, scope.tenantId, input.employeeId);
  const values = withKeyring((keyring) => openAll(keyring, scope.tenantId, input.employeeId, sealed));
  await emit(scope, { name: "employee.sensitive_revealed", entityId: input.employeeId, data: { fields } });
  return Object.fromEntries(fields.map((field) => [field, values[field]]));
}
