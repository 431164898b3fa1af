import { AppError } from "../errors";
import { can, hasRole, type Role } from "../roles";

/** The one rule for the audit log: who reads it whole (list, facets, export, chain check). */
export const readsAuditLog = (role: Role): boolean => hasRole(role, can.audit);

/**
 * Records whose history is part of everyday work, shown on the pages where they are managed
 * (asset and employee pages, later workflows and licences). Everything else (users with their
 * sign-ins and addresses, invitations, the tenant, automation runs, integrations) is audit-only.
 */
export const workingEntityTypes: readonly string[] = [
  "asset",
  "asset_audit",
  "asset_import",
  "asset_model",
  "category",
  "department",
  "employee",
  "employee_import",
  "file",
  "license",
  "location",
  "manufacturer",
  "organization",
  "status",
  "workflow",
];

/** Whether a role reads the history of a kind of record (and the events that caused its changes). */
export const readsHistoryOf = (role: Role, entityType: string): boolean =>
  readsAuditLog(role) || workingEntityTypes.includes(entityType);

/** A record's timeline: the whole history for those who read the audit log, working records for the rest. */
export function assertCanReadTimeline(role: Role, entityType: string): void {
  if (readsHistoryOf(role, entityType)) return;
  throw new AppError(
    "FORBIDDEN",
    `The history of ${entityType.replaceAll("_", " ")} records is in the audit log, which only admins and auditors can read.`,
  );
}
