import { createElement } from "react";
import { OperatorSyncFailedEmail, operatorSyncFailedSubject } from "@/emails/operator-sync-failed";
import type { EventData } from "@/inngest/events";
import { sendAccountEmail } from "../../accounts/mail";
import { type Db, withPlatform } from "../../db";
import type { MailTransport, SendOutcome } from "../../notifications/mailer";

/**
 * integration.sync_failed -> each active super admin by email (the provider, or the local outbox
 * on an embedded install): operators belong to no organization, so the tenant's notification
 * deliveries cannot reach them. Keyed by the event and the operator, so a retried step sends each
 * one email. Returns the transient failures, for the caller to retry.
 */
export async function mailOperatorsSyncFailed(
  db: Db,
  transport: MailTransport,
  failure: { eventId: string; tenantId: string; appUrl: string; data: EventData<"integration.sync_failed"> },
): Promise<Extract<SendOutcome, { kind: "transient" }>[]> {
  const { operators, tenantName } = await withPlatform(db, async (trx) => ({
    operators: await trx
      .selectFrom("users")
      .select(["id", "name", "email"])
      .where("role", "=", "super_admin")
      .where("status", "=", "active")
      .orderBy("id")
      .execute(),
    tenantName: (
      await trx
        .selectFrom("tenants")
        .select("name")
        .where("id", "=", failure.tenantId)
        .executeTakeFirstOrThrow()
    ).name,
  }));
  const transient: Extract<SendOutcome, { kind: "transient" }>[] = [];
  for (const operator of operators) {
    const props = {
      tenantName,
      appUrl: failure.appUrl,
      recipientName: operator.name,
      integrationName: failure.data.integrationName,
      error: failure.data.error,
      link: new URL("/platform", failure.appUrl).toString(),
    };
    const outcome = await sendAccountEmail(db, transport, {
      key: `operator-sync-failed/${failure.eventId}/${operator.id}`,
      to: operator.email,
      type: "operator_sync_failed",
      subject: operatorSyncFailedSubject(props),
      element: createElement(OperatorSyncFailedEmail, props),
    });
    if (outcome.kind === "transient") transient.push(outcome);
  }
  return transient;
}
