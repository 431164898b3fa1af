import type { Inngest } from "inngest";
import { systemScope } from "@/server/context";
import { type Db, getDb, withPlatform, withTenant } from "@/server/db";
import { receiptsDueReminder } from "@/server/portal/receipts/queries";
import { remindReceipt } from "@/server/portal/receipts/services/remind-receipt";
import { inngest } from "../../client";
import { automationLabel } from "../in-tenant";

const NAME = "Send receipt reminders";
/** Reminders per run: the rest are due still and go on the next run. */
const BATCH = 1_000;

/**
 * Daily: every receipt unanswered for a few days is reminded, then weekly, up to a cap
 * (server/portal/receipts/schemas.ts), one step per tenant acting as this function. Each reminder
 * is an asset.receipt_reminded event the notify function delivers; the reminder count's guarded
 * upsert keeps a retried step from reminding twice.
 */
export function createSendReceiptRemindersFn(
  client: Inngest,
  options: { cron?: string; database?: () => Promise<Db> } = {},
) {
  const database = options.database ?? getDb;
  return client.createFunction(
    {
      id: "send-receipt-reminders",
      name: NAME,
      retries: 3,
      concurrency: { limit: 1 },
      triggers: [{ cron: options.cron ?? "0 9 * * *" }],
    },
    async ({ step, runId }) => {
      const due = await step.run("find-due-receipts", async () =>
        withPlatform(await database(), (trx) => receiptsDueReminder(trx, BATCH)),
      );
      const byTenant = new Map<string, string[]>();
      for (const row of due) byTenant.set(row.tenantId, [...(byTenant.get(row.tenantId) ?? []), row.assetId]);
      let reminded = 0;
      for (const [tenantId, assetIds] of byTenant) {
        reminded += await step.run(`remind-in-${tenantId}`, async () =>
          withTenant(await database(), tenantId, async (trx) => {
            const scope = systemScope(trx, tenantId, {
              label: automationLabel(NAME),
              cause: null,
              requestId: runId,
            });
            let sent = 0;
            for (const assetId of assetIds)
              if (await remindReceipt(scope, { assetId, via: "schedule" })) sent++;
            return sent;
          }),
        );
      }
      return { reminded };
    },
  );
}

export const sendReceiptRemindersFn = createSendReceiptRemindersFn(inngest);
