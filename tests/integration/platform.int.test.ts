import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { findSessionUser } from "@/server/accounts/queries";
import { authenticate } from "@/server/accounts/services/authenticate";
import type { SessionUser } from "@/server/context";
import { withPlatform, withTenant } from "@/server/db";
import { resetSuperAdminPassword } from "@/server/platform/services/reset-super-admin-password";
import { createCaller } from "@/server/router";
import { seedIntegration } from "../factories/integrations";
import { callerFor } from "../factories/isolation";
import { createSuperAdmin, createTestTenant, uniqueEmail } from "../factories/tenants";
import { useTestDatabase } from "../support/database";

/**
 * The platform console's procedures, each in the platform rung's one transaction: a tenant opened
 * for a customer arrives with its invitation and its events in its own stream, an address that
 * already has an account opens nothing, and a suspension is recorded in the tenant's stream with
 * the operator as actor.
 */
let handle: DatabaseHandle;
let operator: SessionUser;
const operatorCalls = () => createCaller({ user: operator, requestId: "platform-test", ip: "127.0.0.1" });

beforeAll(async () => {
  handle = await useTestDatabase();
  const row = await createSuperAdmin(handle.db);
  operator = { ...row, role: "super_admin", tenantId: null, tenantName: null };
});
afterAll(() => handle.close());

const eventsOf = (tenantId: string) =>
  withPlatform(handle.db, (trx) =>
    trx
      .selectFrom("events")
      .select(["name", "actor_id", "entity_id"])
      .where("tenant_id", "=", tenantId)
      .orderBy("seq")
      .execute(),
  );

describe("platform console", () => {
  it("opens a tenant with its first admin's invitation, recorded in the tenant's stream", async () => {
    const name = `Customer ${randomUUID().slice(0, 8)}`;
    const created = await operatorCalls().platform.createTenant({ name, adminEmail: uniqueEmail("owner") });
    expect(created.inviteLink).toMatch(/\/invite\/[\w-]+$/);
    const listed = (await operatorCalls().platform.tenants()).find((tenant) => tenant.id === created.id);
    expect(listed).toMatchObject({ name, status: "active" });
    expect((await eventsOf(created.id)).map((event) => [event.name, event.actor_id])).toEqual([
      ["tenant.created", operator.id],
      ["user.invited", operator.id],
    ]);
  });

  it("opens nothing when the admin's email already has an account", async () => {
    const { admin } = await createTestTenant(handle.db);
    const name = `Refused ${randomUUID().slice(0, 8)}`;
    const error = await operatorCalls()
      .platform.createTenant({ name, adminEmail: admin.email })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).message).toContain("already has an account");
    const tenant = await withPlatform(handle.db, (trx) =>
      trx.selectFrom("tenants").select("id").where("name", "=", name).executeTakeFirst(),
    );
    expect(tenant).toBeUndefined();
  });

  it("suspends and reactivates a tenant, each in the tenant's stream", async () => {
    const { tenant } = await createTestTenant(handle.db);
    await operatorCalls().platform.suspendTenant({ tenantId: tenant.id });
    const suspended = (await operatorCalls().platform.tenants()).find((row) => row.id === tenant.id);
    expect(suspended?.status).toBe("suspended");
    await operatorCalls().platform.reactivateTenant({ tenantId: tenant.id });
    const names = (await eventsOf(tenant.id)).map((event) => event.name);
    expect(names.slice(-2)).toEqual(["tenant.suspended", "tenant.reactivated"]);
  });

  it("ends every session of a suspended tenant for good: a cookie from before does not work after reactivation", async () => {
    const { tenant, admin } = await createTestTenant(handle.db);
    const versionOf = () =>
      withPlatform(handle.db, (trx) =>
        trx
          .selectFrom("users")
          .select("session_version")
          .where("id", "=", admin.id)
          .executeTakeFirstOrThrow(),
      );
    const before = (await versionOf()).session_version;
    const sessionOf = (version: number) =>
      withPlatform(handle.db, (trx) => findSessionUser(trx, admin.id, version));
    expect(await sessionOf(before)).not.toBeNull();

    await operatorCalls().platform.suspendTenant({ tenantId: tenant.id });
    await operatorCalls().platform.reactivateTenant({ tenantId: tenant.id });

    expect(await sessionOf(before)).toBeNull();
    const after = (await versionOf()).session_version;
    expect(after).toBe(before + 1);
    expect(await sessionOf(after)).toMatchObject({ id: admin.id, tenantId: tenant.id });
  });

  it("gives a locked-out operator a new password from the command line, ending their sessions", async () => {
    const locked = await createSuperAdmin(handle.db);
    const before = await withPlatform(handle.db, (trx) =>
      trx.selectFrom("users").select("session_version").where("id", "=", locked.id).executeTakeFirstOrThrow(),
    );
    const { password } = await resetSuperAdminPassword(handle.db, { email: locked.email.toUpperCase() });
    expect(password.length).toBeGreaterThanOrEqual(24);
    expect(
      await withPlatform(handle.db, (trx) => findSessionUser(trx, locked.id, before.session_version)),
    ).toBeNull();
    const signedIn = await authenticate(handle.db, { email: locked.email, password, ip: "127.0.0.9" });
    expect(signedIn).toMatchObject({ id: locked.id });
    const recorded = await withPlatform(handle.db, (trx) =>
      trx
        .selectFrom("events")
        .select(["name", "actor_label"])
        .where("entity_id", "=", locked.id)
        .where("name", "=", "user.password_reset")
        .execute(),
    );
    expect(recorded).toEqual([
      { name: "user.password_reset", actor_label: "Operator password reset (command line)" },
    ]);
  });

  it("refuses to reset a tenant member's password from the command line", async () => {
    const { admin } = await createTestTenant(handle.db);
    await expect(resetSuperAdminPassword(handle.db, { email: admin.email })).rejects.toThrow(
      "is not a platform operator",
    );
  });
  it("lists each integration whose latest sync failed, of any tenant, until a sync works again", async () => {
    const [a, b] = [await createTestTenant(handle.db), await createTestTenant(handle.db)];
    const broken = await seedIntegration(
      handle.db,
      callerFor(a.admin),
      a.tenant.id,
      `Broken HR ${randomUUID().slice(0, 6)}`,
    );
    const mended = await seedIntegration(
      handle.db,
      callerFor(b.admin),
      b.tenant.id,
      `Mended HR ${randomUUID().slice(0, 6)}`,
    );
    await withTenant(handle.db, b.tenant.id, (trx) =>
      trx
        .insertInto("integration_runs")
        .values({
          tenant_id: b.tenant.id,
          integration_id: mended.id,
          trigger: "schedule",
          mode: "full",
          status: "succeeded",
          started_at: new Date(Date.now() + 1_000),
          finished_at: new Date(Date.now() + 2_000),
        })
        .execute(),
    );
    const failing = await operatorCalls().platform.failingIntegrations();
    expect(failing.find((row) => row.integrationId === broken.id)).toMatchObject({
      tenantId: a.tenant.id,
      tenantName: a.tenant.name,
      provider: "bamboohr",
      error: expect.stringContaining("answered 503"),
    });
    expect(failing.map((row) => row.integrationId)).not.toContain(mended.id);
    await expect(callerFor(a.admin).platform.failingIntegrations()).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
