import type { UserScope } from "../../context";
import { assertCanRead } from "../owners";
import { listOwnerFiles, toListItem } from "../queries";
import type { ListFilesInput } from "../schemas";

/** An entity's Files tab: its attached files, for those who may read that kind of owner's files. */
export async function listFiles(scope: UserScope, input: ListFilesInput) {
  assertCanRead(scope.user.role, input.owner.type);
  const rows = await listOwnerFiles(scope.db, scope.tenantId, input.owner);
  return rows.map(toListItem);
}
