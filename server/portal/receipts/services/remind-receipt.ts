import { sql } from "kysely";
import type { TenantScope } from "../../../context";
import { AppError } from "../../../errors";
import { emit } from "../../../events/emit";
import { pendingReceiptOf } from "../queries";
import { MANUAL_REMINDER_GAP_MINUTES, REMINDER_CAP, REMINDER_REPEAT_DAYS } from "../schemas";

type Via = "schedule" | "manual";

/** The gap a reminder must keep from the last one, as SQL: weekly for the schedule, an hour by hand. */
const gapOf = (via: Via) =>
  via === "schedule"
    ? sql<Date>`now() - make_interval(days => ${REMINDER_REPEAT_DAYS})`
    : sql<Date>`now() - make_interval(mins => ${MANUAL_REMINDER_GAP_MINUTES})`;

/**
 * Reminds the holder of an asset's unanswered receipt to accept or decline it: counted on the
 * assignment (receipt_reminders) and recorded as asset.receipt_reminded, which the notify function
 * turns into the bell and an email. The count's upsert is the guard: it only moves when the last
 * reminder is old enough (and, for the schedule, under the cap), so two runs or two clicks at
 * once send one reminder. By hand ("Remind now") the refusals say why; the schedule (null
 * answer) just skips.
 */
export async function remindReceipt(scope: TenantScope, input: { assetId: string; via: Via }) {
  const manual = input.via === "manual";
  const pending = await pendingReceiptOf(scope.db, scope.tenantId, input.assetId);
  if (!pending) {
    if (!manual) return null;
    throw new AppError(
      "CONFLICT",
      "This asset has no receipt waiting: it was answered, returned or reassigned.",
    );
  }
  if (!pending.userId) {
    if (!manual) return null;
    throw new AppError(
      "CONFLICT",
      `${pending.employeeName} has no active account to answer with; link one on their employee page.`,
    );
  }
  const counted = await scope.db
    .insertInto("receipt_reminders")
    .values({
      tenant_id: scope.tenantId,
      assignment_id: pending.assignmentId,
      asset_id: pending.assetId,
      employee_id: pending.employeeId,
      sent_count: 1,
      last_sent_at: sql<Date>`now()`,
    })
    .onConflict((oc) =>
      oc
        .columns(["tenant_id", "assignment_id"])
        .doUpdateSet({
          sent_count: sql<number>`receipt_reminders.sent_count + 1`,
          last_sent_at: sql<Date>`now()`,
        })
        .where((eb) =>
          eb.and([
            eb.or([
              eb("receipt_reminders.last_sent_at", "is", null),
              eb("receipt_reminders.last_sent_at", "<=", gapOf(input.via)),
            ]),
            ...(manual ? [] : [eb("receipt_reminders.sent_count", "<", REMINDER_CAP)]),
          ]),
        ),
    )
    .returning("sent_count")
    .executeTakeFirst();
  if (!counted) {
    if (!manual) return null;
    throw new AppError(
      "CONFLICT",
      `${pending.employeeName} was reminded less than an hour ago; give them time to answer.`,
    );
  }
  await emit(scope, {
    name: "asset.receipt_reminded",
    entityId: pending.assetId,
    data: {
      tag: pending.tag,
      employeeId: pending.employeeId,
      assignmentId: pending.assignmentId,
      reminder: counted.sent_count,
      via: input.via,
    },
  });
  return { assetId: pending.assetId, tag: pending.tag, reminder: counted.sent_count };
}
