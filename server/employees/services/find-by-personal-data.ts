import type { TenantScope } from "../../context";
import { withKeyring } from "../process-keyring";
import { employeesWithIndex } from "../queries";
import { FindByPersonalDataInput } from "../schemas";
import { lookupIndexes, sensitiveFields } from "../sensitive-fields";

/**
 * The employees whose personal email or national id is exactly this value, found through the blind
 * index (the sealed values cannot be searched). Answers with who, never with the value.
 */
export async function findByPersonalData(scope: TenantScope, raw: { field: string; value: string }) {
  const input = FindByPersonalDataInput.parse(raw);
  const indexes = withKeyring((keyring) => lookupIndexes(keyring, scope.tenantId, input.field, input.value));
  return employeesWithIndex(scope.db, scope.tenantId, sensitiveFields[input.field].index.column, indexes);
}
