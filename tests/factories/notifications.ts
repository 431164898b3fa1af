import { randomUUID } from "node:crypto";
import { assignAsset } from "@/server/assets/services/assign-asset";
import type { Db } from "@/server/db";
import { notify } from "@/server/notifications/services/notify";
import { prepareEmail } from "@/server/notifications/services/send-email";
import { createAssetFixtures, createTestAsset } from "./assets";
import { linkedEmployeeOf } from "./portal";
import { asSystem, asUser, createTestTenant, createTestUser, type TestUser } from "./tenants";

/** A cause as a notification function has one: the event being handled (made up here). */
export const testCause = () => {
  const eventId = randomUUID();
  return { eventId, correlationId: eventId, functionId: "test-notify", runId: randomUUID() };
};

/**
 * A notification to `userId` through the real notify service, its email stored in the Mail
 * preview (no provider): the rows the bell and the admins' preview read.
 */
export async function seedNotification(db: Db, tenantId: string, userId: string, requesterEmail: string) {
  return asSystem(
    db,
    tenantId,
    async (scope) => {
      const result = await notify(scope, userId, {
        type: "password_reset_requested",
        title: `${requesterEmail} asks for a password reset`,
        body: "They cannot sign in until an admin creates a reset link.",
        link: "/settings/users",
        email: { requesterEmail },
      });
      for (const email of result.deliveries.filter((d) => d.channel === "email")) {
        await prepareEmail(scope, email.deliveryId, {
          kind: "preview",
          from: "Assetronics <it@example.test>",
        });
      }
      const preview = await scope.db
        .selectFrom("mail_previews")
        .select("id")
        .where("tenant_id", "=", tenantId)
        .orderBy("created_at", "desc")
        .executeTakeFirstOrThrow();
      const delivery = result.deliveries.find((d) => d.channel === "email");
      return {
        notificationId: result.notificationId ?? "",
        mailPreviewId: preview.id,
        deliveryId: delivery?.deliveryId ?? "",
      };
    },
    { cause: testCause() },
  );
}

export type NotificationWorld = {
  admin: TestUser;
  staff: TestUser;
  employee: TestUser;
  tenantName: string;
  /** Assigns a new asset (a "ThinkPad X1" unless named) to the employee: one asset_assigned each. */
  assign: (name?: string) => Promise<string>;
  /** Assigns new assets of these names to the employee in one transaction, as a bulk assignment does. */
  assignTogether: (names: readonly string[]) => Promise<string[]>;
};

/** A fresh tenant with IT staff and an employee who has an account and an employee record. */
export async function createNotificationWorld(db: Db): Promise<NotificationWorld> {
  const { tenant, admin } = await createTestTenant(db);
  const staff = await createTestUser(db, tenant, "it_staff");
  const employee = await createTestUser(db, tenant, "employee", { name: "Erin Employee" });
  const { categoryId } = await createAssetFixtures(db, tenant.id);
  const employeeId = await linkedEmployeeOf(db, employee);
  return {
    admin,
    staff,
    employee,
    tenantName: tenant.name,
    assign: async (name = "ThinkPad X1") => {
      const asset = await createTestAsset(db, staff, categoryId, { name });
      await asUser(db, staff, (scope) => assignAsset(scope, { assetId: asset.id, employeeId }));
      return asset.id;
    },
    assignTogether: async (names) => {
      const assets: { id: string }[] = [];
      for (const name of names) assets.push(await createTestAsset(db, staff, categoryId, { name }));
      await asUser(db, staff, async (scope) => {
        for (const asset of assets) await assignAsset(scope, { assetId: asset.id, employeeId });
      });
      return assets.map((asset) => asset.id);
    },
  };
}

/** Quiet hours for `user`, all day in UTC unless given (their own row, written as them). */
export async function setQuietHours(
  db: Db,
  user: TestUser,
  hours: { startsAt: string; endsAt: string; timeZone: string } = {
    startsAt: "00:00",
    endsAt: "23:59",
    timeZone: "UTC",
  },
): Promise<void> {
  await asUser(db, user, (scope) =>
    scope.db
      .insertInto("notification_quiet_hours")
      .values({
        tenant_id: scope.tenantId,
        user_id: scope.user.id,
        starts_at: hours.startsAt,
        ends_at: hours.endsAt,
        time_zone: hours.timeZone,
      })
      .execute(),
  );
}
