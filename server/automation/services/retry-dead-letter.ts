import type { TenantScope } from "../../context";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { requeueDeadLetter } from "../../events/relay";

/**
 * An admin sends an event Inngest had refused once more (after fixing what made it refuse, or to
 * see whether it still does): its delivery is pending again, for whichever replica's relay claims
 * it next, and the retry is part of the audit trail.
 */
export async function retryDeadLetter(scope: TenantScope, input: { eventId: string }) {
  const requeued = await requeueDeadLetter(scope.db, scope.tenantId, input.eventId);
  if (!requeued) {
    throw new AppError(
      "NOT_FOUND",
      "This event is not among the dead letters (it may have been retried already): refresh the list.",
    );
  }
  await emit(scope, {
    name: "automation.delivery_retried",
    entityId: input.eventId,
    data: { eventName: requeued.eventName },
  });
  return { eventId: input.eventId, status: "pending" as const };
}
