import { actingUserId, type TenantScope } from "../../../context";
import { AppError } from "../../../errors";
import { emit } from "../../../events/emit";
import { lockRequest } from "../queries";
import { ApproveRequestInput, type DeclineRequestInput } from "../schemas";

async function lockPending(scope: TenantScope, requestId: string) {
  const request = await lockRequest(scope.db, scope.tenantId, requestId);
  if (request.status !== "pending")
    throw new AppError("CONFLICT", `This request was already ${request.status}; reload to see its decision.`);
  return request;
}

function recordDecision(
  scope: TenantScope,
  requestId: string,
  status: "approved" | "declined",
  reason: string | null,
) {
  return scope.db
    .updateTable("equipment_requests")
    .set({
      status,
      decision_reason: reason,
      decided_at: new Date(),
      decided_by: actingUserId(scope.actor),
      decided_by_label: scope.actor.label.replace(/\s*<[^>]*>$/, ""),
    })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", requestId)
    .execute();
}

/**
 * IT staff approve a pending request. equipment_request.approved starts the procurement workflow
 * (inngest/functions/portal/start-request-procurement.ts) and tells the employee; a second
 * decision on the same request is a conflict, so two people deciding at once get one outcome.
 */
export async function approveRequest(scope: TenantScope, rawInput: ApproveRequestInput) {
  const input = ApproveRequestInput.parse(rawInput);
  const request = await lockPending(scope, input.requestId);
  await recordDecision(scope, request.id, "approved", input.comment);
  await emit(scope, {
    name: "equipment_request.approved",
    entityId: request.id,
    data: {
      employeeId: request.employeeId,
      category: request.category,
      item: request.item,
      comment: input.comment,
    },
  });
  return { id: request.id, status: "approved" as const };
}

/** IT staff decline a pending request, with the reason the employee reads. */
export async function declineRequest(scope: TenantScope, input: DeclineRequestInput) {
  const request = await lockPending(scope, input.requestId);
  await recordDecision(scope, request.id, "declined", input.reason);
  await emit(scope, {
    name: "equipment_request.declined",
    entityId: request.id,
    data: {
      employeeId: request.employeeId,
      category: request.category,
      item: request.item,
      reason: input.reason,
    },
  });
  return { id: request.id, status: "declined" as const };
}
