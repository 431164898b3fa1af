import type { Executor } from "../db";
import { AppError } from "../errors";
import { can, hasRole, type Role, type TenantRole } from "../roles";
import type { OwnerType } from "./purposes";

export type OwnerRef = { type: OwnerType; id: string };

type OwnerRule = {
  /** Who may see the files of such an owner (list, download, preview). */
  readers: readonly TenantRole[];
  /** Whether the owner exists in the tenant: a file is attached only to something real. */
  exists(db: Executor, tenantId: string, id: string): Promise<boolean>;
};

const rowExists =
  (table: "assets" | "employees" | "asset_imports" | "workflow_steps" | "integration_runs") =>
  async (db: Executor, tenantId: string, id: string): Promise<boolean> => {
    const row = await db
      .selectFrom(table)
      .select("id")
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .executeTakeFirst();
    return row !== undefined;
  };

/**
 * What each kind of owner is and who reads its files: an employee's contracts and onboarding
 * documents are for admins and IT staff only, never auditors or other employees. Writing
 * (upload, attach, rename, delete) is for can.manageAssets on every owner.
 */
export const ownerRules: Record<OwnerType, OwnerRule> = {
  asset: { readers: can.readTenant, exists: rowExists("assets") },
  employee: { readers: can.manageAssets, exists: rowExists("employees") },
  asset_import: { readers: can.readTenant, exists: rowExists("asset_imports") },
  // completion evidence: read by whoever reads the workflow (staff), like the step itself
  workflow_step: { readers: can.readTenant, exists: rowExists("workflow_steps") },
  // a sync's report: the integrations settings are for admins and auditors
  integration_run: { readers: can.audit, exists: rowExists("integration_runs") },
};

/**
 * Whether `role` may read files of this owner type (a pending file, owned by no one yet, is read
 * by those who may upload). Refused as NOT_FOUND, so the answer does not tell that the file exists.
 */
export function assertCanRead(role: Role, ownerType: OwnerType | null): void {
  const readers = ownerType ? ownerRules[ownerType].readers : can.manageAssets;
  if (!hasRole(role, readers)) throw new AppError("NOT_FOUND", "This file does not exist or was deleted.");
}

/** The ids an event carries so the file shows in its owner's history. */
export function historyRefs(owner: OwnerRef | null): { assetId?: string; employeeId?: string } {
  if (owner?.type === "asset") return { assetId: owner.id };
  if (owner?.type === "employee") return { employeeId: owner.id };
  return {};
}
