import type { UserScope } from "../../../context";
import { AppError } from "../../../errors";
import { emit } from "../../../events/emit";
import { myEmployee } from "../../services/my-employee";
import { lockRequest } from "../queries";
import type { RequestIdInput } from "../schemas";

/** The employee takes back one of their own requests while nobody has decided it. */
export async function withdrawRequest(scope: UserScope, input: RequestIdInput) {
  const me = await myEmployee(scope.db, scope.tenantId, scope.user.id);
  const request = await lockRequest(scope.db, scope.tenantId, input.requestId);
  if (request.employeeId !== me.id)
    throw new AppError("NOT_FOUND", "This request does not exist. It may have been withdrawn.");
  if (request.status !== "pending")
    throw new AppError(
      "CONFLICT",
      `This request was already ${request.status}; it can no longer be withdrawn.`,
    );
  await scope.db
    .updateTable("equipment_requests")
    .set({
      status: "withdrawn",
      decided_at: new Date(),
      decided_by: scope.user.id,
      decided_by_label: me.name,
    })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", request.id)
    .execute();
  await emit(scope, {
    name: "equipment_request.withdrawn",
    entityId: request.id,
    data: { employeeId: me.id, category: request.category, item: request.item },
  });
  return { id: request.id, status: "withdrawn" as const };
}
