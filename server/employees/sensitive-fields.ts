import { blindIndex, blindIndexCandidates, type Keyring, open, seal } from "./encryption";
import {
  type IndexedField,
  type SealedColumns,
  type SensitiveField,
  type SensitiveValues,
  sealedColumnNames,
  sensitiveFieldNames,
  sensitiveFields,
} from "./sensitive-field-list";

export * from "./sensitive-field-list";

/** Bound into each value's authentication tag: the value opens only in its own tenant, record and field. */
const contextOf = (tenantId: string, employeeId: string, field: SensitiveField) =>
  `${tenantId}:${employeeId}:${field}`;
const indexScopeOf = (tenantId: string, field: IndexedField) => `${tenantId}:${field}`;

/**
 * Every sealed column and blind index of a record for these values, all under the newest key (so
 * `data_key_id` speaks for the whole row); a null value clears its column.
 */
export function sealAll(keyring: Keyring, tenantId: string, employeeId: string, values: SensitiveValues) {
  const columns: Partial<Record<keyof SealedColumns, string | null>> = {};
  for (const field of sensitiveFieldNames) {
    const definition = sensitiveFields[field];
    const value = values[field];
    columns[definition.column] =
      value === null ? null : seal(keyring, contextOf(tenantId, employeeId, field), value);
    if (definition.index) {
      columns[definition.index.column] =
        value === null
          ? null
          : blindIndex(
              keyring,
              indexScopeOf(tenantId, field as IndexedField),
              definition.index.normalize(value),
            );
    }
  }
  const anySealed = sealedColumnNames.some((column) => columns[column] !== null);
  return {
    ...(columns as Omit<SealedColumns, "data_key_id">),
    data_key_id: anySealed ? keyring.newest.id : null,
  };
}

/** Opens every sealed column of a record. */
export function openAll(
  keyring: Keyring,
  tenantId: string,
  employeeId: string,
  row: Pick<SealedColumns, (typeof sealedColumnNames)[number]>,
): SensitiveValues {
  const values = {} as SensitiveValues;
  for (const field of sensitiveFieldNames) {
    const sealed = row[sensitiveFields[field].column];
    values[field] = sealed === null ? null : open(keyring, contextOf(tenantId, employeeId, field), sealed);
  }
  return values;
}

/** Every blind index a stored value of `field` may carry (one per configured key). */
export function lookupIndexes(
  keyring: Keyring,
  tenantId: string,
  field: IndexedField,
  value: string,
): string[] {
  const normalize = sensitiveFields[field].index.normalize;
  return blindIndexCandidates(keyring, indexScopeOf(tenantId, field), normalize(value));
}
