import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import type { InTenant } from "@/server/context";
import { type Db, withTenant } from "@/server/db";
import type { MailTransport } from "@/server/notifications/mailer";
import { notify } from "@/server/notifications/services/notify";
import { prepareEmailBatch } from "@/server/notifications/services/send-email";
import { testCause } from "@/tests/factories/notifications";
import { asSystem, createTestTenant, createTestUser } from "@/tests/factories/tenants";
import { useTestDatabase } from "../support/database";

let handle: DatabaseHandle;
let db: Db;
beforeAll(async () => {
  handle = await useTestDatabase();
  db = handle.db;
});
afterAll(() => handle.close());

/** A provider preparing must not call: the caller sends, outside any transaction. */
const provider: MailTransport = {
  kind: "provider",
  from: "Assetronics <it@example.test>",
  send: () => Promise.reject(new Error("preparing sends nothing")),
  sendBatch: () => Promise.reject(new Error("preparing sends nothing")),
};

/** Three people with an email each queued for a password-reset notice, as notify leaves them. */
async function queuedEmails() {
  const { tenant } = await createTestTenant(db);
  const people = [
    await createTestUser(db, tenant, "admin"),
    await createTestUser(db, tenant, "admin"),
    await createTestUser(db, tenant, "admin"),
  ];
  const deliveryIds: string[] = [];
  for (const person of people) {
    await asSystem(
      db,
      tenant.id,
      async (scope) => {
        const result = await notify(scope, person.id, {
          type: "password_reset_requested",
          title: "Someone asks for a password reset",
          body: "They cannot sign in until an admin creates a reset link.",
          link: "/settings/users",
          email: { requesterEmail: "someone@example.test" },
        });
        const email = result.deliveries.find((delivery) => delivery.channel === "email");
        if (email) deliveryIds.push(email.deliveryId);
      },
      { cause: testCause() },
    );
  }
  expect(deliveryIds).toHaveLength(3);
  return { tenant, people, deliveryIds };
}

describe("preparing a batch of emails", () => {
  it("renders each for its recipient, in the order given, with no transaction open while it renders", async () => {
    const { tenant, people, deliveryIds } = await queuedEmails();
    const transactions: string[] = [];
    const inTenant: InTenant = async (work) => {
      transactions.push("open");
      const result = await asSystem(db, tenant.id, work);
      transactions.push("closed");
      return result;
    };
    const emails = await prepareEmailBatch(inTenant, [...deliveryIds].reverse(), provider);
    expect(emails.map((email) => email.deliveryId)).toEqual([...deliveryIds].reverse());
    expect(emails.map((email) => email.to)).toEqual(people.map((person) => person.email).reverse());
    expect(emails[0]).toMatchObject({
      from: provider.from,
      subject: expect.stringContaining("password reset"),
    });
    expect(emails[0]?.html).toContain(people[2]?.name);
    // Read in one transaction, claimed in another: none spans the rendering between them.
    expect(transactions).toEqual(["open", "closed", "open", "closed"]);
  });

  it("leaves out a delivery that another run sent while this one rendered", async () => {
    const { tenant, deliveryIds } = await queuedEmails();
    let calls = 0;
    const inTenant: InTenant = async (work) => {
      calls++;
      // The claim (second transaction) comes after a retry of the same step sent the second email.
      if (calls === 2) {
        await withTenant(db, tenant.id, (trx) =>
          trx
            .updateTable("notification_deliveries")
            .set({ status: "sent", sent_at: new Date() })
            .where("id", "=", deliveryIds[1] ?? "")
            .execute(),
        );
      }
      return asSystem(db, tenant.id, work);
    };
    const emails = await prepareEmailBatch(inTenant, deliveryIds, provider);
    expect(emails.map((email) => email.deliveryId)).toEqual([deliveryIds[0], deliveryIds[2]]);
  });

  it("without a provider stores each for the Mail preview and marks it sent", async () => {
    const { tenant, deliveryIds } = await queuedEmails();
    const inTenant: InTenant = (work) => asSystem(db, tenant.id, work);
    const emails = await prepareEmailBatch(inTenant, deliveryIds, { kind: "preview", from: provider.from });
    expect(emails).toEqual([]);
    const rows = await withTenant(db, tenant.id, (trx) =>
      trx
        .selectFrom("notification_deliveries as d")
        .innerJoin("mail_previews as p", "p.delivery_id", "d.id")
        .select(["d.id", "d.status", "p.subject"])
        .where("d.id", "in", deliveryIds)
        .execute(),
    );
    expect(rows).toHaveLength(3);
    expect(rows.every((row) => row.status === "sent")).toBe(true);
    // Prepared again (a retried step), nothing is stored twice.
    expect(await prepareEmailBatch(inTenant, deliveryIds, { kind: "preview", from: provider.from })).toEqual(
      [],
    );
    const previews = await withTenant(db, tenant.id, (trx) =>
      trx.selectFrom("mail_previews").select("id").where("delivery_id", "in", deliveryIds).execute(),
    );
    expect(previews).toHaveLength(3);
  });
});
