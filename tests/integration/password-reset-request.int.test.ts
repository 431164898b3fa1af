import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { requestPasswordReset, resetRequestLimits } from "@/server/accounts/services/request-password-reset";
import type { SessionUser } from "@/server/context";
import { type Db, withPlatform } from "@/server/db";
import { AppError } from "@/server/errors";
import { createCaller } from "@/server/router";
import { createTestTenant, createTestUser, uniqueEmail } from "../factories/tenants";
import { useTestDatabase } from "../support/database";

let handle: DatabaseHandle;
let db: Db;
beforeAll(async () => {
  handle = await useTestDatabase();
  db = handle.db;
});
afterAll(() => handle.close());

const callerFor = (user: SessionUser) =>
  createCaller({ user, requestId: "reset-request-test", ip: "127.0.0.1" });
let nextAddress = 1;
const freshIp = () => `10.77.${Math.floor(nextAddress / 250)}.${nextAddress++ % 250}`;

const requestEvents = (tenantId: string) =>
  withPlatform(db, (trx) =>
    trx
      .selectFrom("events")
      .select(["entity_id", "data", "actor_type"])
      .where("tenant_id", "=", tenantId)
      .where("name", "=", "user.password_reset_requested")
      .execute(),
  );

describe("Forgot password?", () => {
  it("shows the request to the member's admins, once, until a reset link answers it", async () => {
    const { tenant, admin } = await createTestTenant(db);
    const member = await createTestUser(db, tenant, "it_staff");
    const pending = async () =>
      (await callerFor(admin).accounts.users())
        .filter((user) => user.resetRequestedAt)
        .map((user) => user.email);

    await requestPasswordReset(db, { email: ` ${member.email.toUpperCase()} ` }, freshIp());
    await requestPasswordReset(db, { email: member.email }, freshIp());
    expect(await pending()).toEqual([member.email]);
    // Each request is audited (and emails a fresh link); admins see one pending request per person.
    const events = await requestEvents(tenant.id);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ entity_id: member.id, actor_type: "system" });
    expect(JSON.stringify(events)).not.toMatch(/token/i);

    await callerFor(admin).accounts.createPasswordResetLink({ userId: member.id });
    expect(await pending()).toEqual([]);
    await requestPasswordReset(db, { email: member.email }, freshIp());
    expect(await pending()).toEqual([member.email]);
  });

  it("answers the same for an unknown email, and records nothing anywhere", async () => {
    const { tenant, admin } = await createTestTenant(db);
    await expect(
      requestPasswordReset(db, { email: uniqueEmail("nobody") }, freshIp()),
    ).resolves.toBeUndefined();
    const deactivated = await createTestUser(db, tenant, "auditor");
    await callerFor(admin).accounts.deactivate({ userId: deactivated.id });
    await expect(requestPasswordReset(db, { email: deactivated.email }, freshIp())).resolves.toBeUndefined();
    expect(await requestEvents(tenant.id)).toEqual([]);
    expect((await callerFor(admin).accounts.users()).some((user) => user.resetRequestedAt)).toBe(false);
  });

  it("limits requests per address, known emails or not", async () => {
    const { tenant } = await createTestTenant(db);
    const member = await createTestUser(db, tenant, "employee");
    const ip = freshIp();
    for (let i = 0; i < resetRequestLimits.perAddress; i++) {
      await requestPasswordReset(db, { email: uniqueEmail("probe") }, ip);
    }
    const refusal = await requestPasswordReset(db, { email: member.email }, ip).catch(
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).code).toBe("RATE_LIMITED");
    expect((refusal as AppError).message).toMatch(/Try again in an hour/);
    // another address is not held back
    await requestPasswordReset(db, { email: member.email }, freshIp());
    expect(await requestEvents(tenant.id)).toHaveLength(1);
  });
});
