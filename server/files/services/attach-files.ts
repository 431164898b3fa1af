import type { TenantScope } from "../../context";
import { AppError } from "../../errors";
import { emitMany } from "../../events/emit";
import { historyRefs, type OwnerRef, ownerRules } from "../owners";
import { type FilePurpose, purposesFor, purposeTitle } from "../purposes";
import { type FileRow, fileColumns, liveFile, toListItem } from "../queries";
import type { AttachFilesInput } from "../schemas";

const ownerNames: Record<OwnerRef["type"], string> = {
  asset: "an asset",
  employee: "an employee",
  asset_import: "a CSV import",
  workflow_step: "a workflow step",
  integration_run: "a sync run",
};

/** Refuses a purpose the owner does not take: "Contracts cannot be attached to an asset." */
export function assertPurposeFor(purpose: FilePurpose, ownerType: OwnerRef["type"]): void {
  if (purposesFor[ownerType].includes(purpose)) return;
  throw new AppError(
    "BAD_REQUEST",
    `${purposeTitle(purpose)} cannot be attached to ${ownerNames[ownerType]}.`,
  );
}

function assertAttachable(file: FileRow, owner: OwnerRef): void {
  if (file.status !== "pending") {
    throw new AppError(
      "CONFLICT",
      `${file.name} is already attached; upload it again to attach a copy elsewhere.`,
    );
  }
  assertPurposeFor(file.purpose as FilePurpose, owner.type);
}

/**
 * Attaches pending uploads to an asset, an employee or an import: each file is locked, must still
 * be pending and of a purpose the owner takes, and the owner must exist in the tenant. All or none:
 * one refused file leaves every file pending.
 */
export async function attachFiles(scope: TenantScope, input: AttachFilesInput) {
  const { owner } = input;
  if (!(await ownerRules[owner.type].exists(scope.db, scope.tenantId, owner.id))) {
    throw new AppError("NOT_FOUND", `The ${owner.type.replace("_", " ")} to attach to does not exist.`);
  }
  const ids = [...new Set(input.fileIds)].sort();
  const files: FileRow[] = [];
  for (const id of ids) {
    const file = await liveFile(scope.db, scope.tenantId, id, { lock: true });
    assertAttachable(file, owner);
    files.push(file);
  }

  const attached = await scope.db
    .updateTable("files")
    .set({ status: "attached", owner_type: owner.type, owner_id: owner.id, attached_at: new Date() })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "in", ids)
    .returning(fileColumns)
    .execute();
  await emitMany(
    scope,
    files.map((file) => ({
      name: "file.attached" as const,
      entityId: file.id,
      data: {
        name: file.name,
        purpose: file.purpose,
        size: file.size,
        attachedTo: owner,
        ...historyRefs(owner),
      },
    })),
  );
  return attached.sort((a, b) => b.created_at.getTime() - a.created_at.getTime()).map(toListItem);
}
