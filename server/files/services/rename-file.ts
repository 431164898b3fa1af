import type { TenantScope } from "../../context";
import { emit } from "../../events/emit";
import { historyRefs } from "../owners";
import { liveFile, ownerOf, toListItem } from "../queries";
import type { RenameFileInput } from "../schemas";

/** Renames a file as shown and downloaded; the stored bytes and their key stay as they are. */
export async function renameFile(scope: TenantScope, input: RenameFileInput) {
  const file = await liveFile(scope.db, scope.tenantId, input.id, { lock: true });
  if (file.name === input.name) return toListItem(file);
  await scope.db
    .updateTable("files")
    .set({ name: input.name })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", file.id)
    .execute();
  const owner = ownerOf(file);
  await emit(scope, {
    name: "file.renamed",
    entityId: file.id,
    data: {
      name: input.name,
      purpose: file.purpose,
      attachedTo: owner,
      ...historyRefs(owner),
      changes: { name: { before: file.name, after: input.name } },
    },
  });
  return toListItem({ ...file, name: input.name });
}
