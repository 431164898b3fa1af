import { type Inngest, RetryAfterError } from "inngest";
import { type InTenant, systemScope } from "@/server/context";
import { type Db, getDb, withPlatform, withTenant } from "@/server/db";
import { type MailTransport, mailTransport } from "@/server/notifications/mailer";
import { dueDigests, sendDigest } from "@/server/notifications/services/send-digest";
import { inngest } from "../../client";
import { automationLabel } from "../in-tenant";

const NAME = "Send daily notification digests";

/**
 * Hourly, on the hour: everyone whose digest hour has come (in their zone) and who has digest
 * items waiting gets one email with all of them, one step per person so a failure retries only
 * theirs. A transient provider failure leaves their items due and fails the step, retried with
 * backoff; a permanent one fails the items (the failed-deliveries page shows them).
 */
export function createSendDigestsFn(
  client: Inngest,
  options: {
    cron?: string;
    database?: () => Promise<Db>;
    transport?: () => MailTransport;
    now?: () => Date;
  } = {},
) {
  const database = options.database ?? getDb;
  const transport = options.transport ?? mailTransport;
  const now = options.now ?? (() => new Date());
  return client.createFunction(
    {
      id: "send-notification-digests",
      name: NAME,
      retries: 4,
      concurrency: { limit: 1 },
      triggers: [{ cron: options.cron ?? "0 * * * *" }],
    },
    async ({ step, runId }) => {
      const at = await step.run("find-due-digests", () => now().toISOString());
      const due = await step.run("list-recipients", async () =>
        withPlatform(await database(), (trx) => dueDigests(trx, new Date(at))),
      );
      let sent = 0;
      for (const { tenantId, userId } of due) {
        sent += await step.run(`digest-${tenantId}-${userId}`, async () => {
          const db = await database();
          const inTenant: InTenant = (work) =>
            withTenant(db, tenantId, (trx) =>
              work(
                systemScope(trx, tenantId, { label: automationLabel(NAME), cause: null, requestId: runId }),
              ),
            );
          const { outcome } = await sendDigest(inTenant, transport(), userId, new Date(at));
          if (outcome?.kind === "transient") {
            if (outcome.retryAfterMs !== null) throw new RetryAfterError(outcome.error, outcome.retryAfterMs);
            throw new Error(outcome.error);
          }
          return 1;
        });
      }
      return { sent };
    },
  );
}

export const sendDigestsFn = createSendDigestsFn(inngest);
