import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { findSessionUser } from "@/server/accounts/queries";
import { acceptInvitation, findPendingInvitation } from "@/server/accounts/services/accept-invitation";
import { authenticate } from "@/server/accounts/services/authenticate";
import { changeUserRole } from "@/server/accounts/services/change-user-role";
import { inviteUser } from "@/server/accounts/services/invite-user";
import { revokeInvitation } from "@/server/accounts/services/revoke-invitation";
import { deactivateUser, reactivateUser } from "@/server/accounts/services/set-user-active";
import { signUp } from "@/server/accounts/services/sign-up";
import { signInLimits } from "@/server/accounts/sign-in-throttle";
import { type Db, withPlatform, withTenant } from "@/server/db";
import { AppError } from "@/server/errors";
import { signUpAndConfirm } from "../factories/sign-up";
import { asUser, createTestTenant, createTestUser, TEST_PASSWORD, uniqueEmail } from "../factories/tenants";
import { useTestDatabase } from "../support/database";

let handle: DatabaseHandle;
let db: Db;
beforeAll(async () => {
  handle = await useTestDatabase();
  db = handle.db;
});
afterAll(() => handle.close());

const eventsOf = (tenantId: string) =>
  withTenant(db, tenantId, (trx) =>
    trx.selectFrom("events").select(["name", "entity_id", "data", "actor_id"]).orderBy("seq").execute(),
  );
const appErrorCode = (promise: Promise<unknown>) =>
  promise.then(
    () => "OK",
    (error: unknown) => (error instanceof AppError ? error.code : String(error)),
  );
/** The session a user's cookie carries right after signing in: their current session version. */
const currentSessionUser = (userId: string) =>
  withPlatform(db, async (trx) => {
    const row = await trx
      .selectFrom("users")
      .select("session_version")
      .where("id", "=", userId)
      .executeTakeFirst();
    return row ? findSessionUser(trx, userId, row.session_version) : null;
  });
const uniqueIp = () =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

describe("sign-up", () => {
  it("creates a tenant with its first admin once the emailed link is followed, who can then sign in", async () => {
    const email = uniqueEmail("founder");
    const founder = await signUpAndConfirm(
      db,
      { organization: "Globex Corporation", name: "Hank Scorpio", email, password: "a-long-password" },
      uniqueIp(),
    );
    expect(founder).toMatchObject({ email, role: "admin", tenantName: "Globex Corporation" });
    const user = await authenticate(db, { email, password: "a-long-password", ip: uniqueIp() });
    expect(user).toMatchObject({ role: "admin", tenantName: "Globex Corporation" });
    const tenantId = user.tenantId ?? "";
    const names = (await eventsOf(tenantId)).map((event) => event.name);
    expect(names).toEqual(["tenant.created", "user.created", "user.signed_in"]);
  });

  it("creates nothing for an email that already has an account, without saying so", async () => {
    const { tenant, admin } = await createTestTenant(db);
    const code = await appErrorCode(
      signUp(
        db,
        { organization: "Dupe Inc", name: "Dupe", email: admin.email, password: "a-long-password" },
        uniqueIp(),
      ),
    );
    expect(code).toBe("OK");
    // Asked of this name and address, not by counting tenants: other files create tenants meanwhile.
    const dupes = await withPlatform(db, (trx) =>
      trx.selectFrom("tenants").select("id").where("name", "=", "Dupe Inc").execute(),
    );
    expect(dupes).toEqual([]);
    const accounts = await withPlatform(db, (trx) =>
      trx.selectFrom("users").select("tenant_id").where("email", "=", admin.email).execute(),
    );
    expect(accounts).toEqual([{ tenant_id: tenant.id }]);
  });

  it("gives two organizations with the same name distinct slugs", async () => {
    const emails = [uniqueEmail(), uniqueEmail()];
    for (const email of emails) {
      await signUpAndConfirm(
        db,
        { organization: "Same Name Ltd", name: "One", email, password: "a-long-password" },
        uniqueIp(),
      );
    }
    const slugs = await withPlatform(db, (trx) =>
      trx
        .selectFrom("tenants")
        .innerJoin("users", "users.tenant_id", "tenants.id")
        .select("tenants.slug")
        .where("users.email", "in", emails)
        .execute(),
    );
    expect(new Set(slugs.map((row) => row.slug)).size).toBe(2);
  });
});

describe("sign-in", () => {
  it("rejects a wrong password without saying whether the email exists, and records the attempt", async () => {
    const { tenant, admin } = await createTestTenant(db);
    const ip = uniqueIp();
    const wrong = authenticate(db, { email: admin.email, password: "not-the-password", ip });
    await expect(wrong).rejects.toThrow("Email or password is incorrect.");
    await expect(
      authenticate(db, { email: uniqueEmail("nobody"), password: "whatever", ip }),
    ).rejects.toThrow("Email or password is incorrect.");
    const attempts = await withPlatform(db, (trx) =>
      trx
        .selectFrom("sign_in_attempts")
        .select(["email", "success", "reason"])
        .where("ip", "=", ip)
        .execute(),
    );
    expect(attempts).toHaveLength(2);
    expect(attempts.every((attempt) => attempt.success === false)).toBe(true);
    const failed = (await eventsOf(tenant.id)).filter((event) => event.name === "user.sign_in_failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]?.data).toMatchObject({ email: admin.email, reason: "invalid_credentials", ip });
  });

  it("refuses an address after repeated failures for an account, even the right password", async () => {
    const { admin } = await createTestTenant(db);
    const ip = uniqueIp();
    for (let i = 0; i < signInLimits.perAccountAndAddress; i++) {
      expect(
        await appErrorCode(authenticate(db, { email: admin.email, password: "wrong-password", ip })),
      ).toBe("UNAUTHORIZED");
    }
    expect(await appErrorCode(authenticate(db, { email: admin.email, password: TEST_PASSWORD, ip }))).toBe(
      "RATE_LIMITED",
    );
  });

  it("limits failures per IP address across accounts", async () => {
    const ip = uniqueIp();
    for (let i = 0; i < signInLimits.perAddress; i++) {
      await appErrorCode(authenticate(db, { email: uniqueEmail("spray"), password: "guess", ip }));
    }
    const { admin } = await createTestTenant(db);
    expect(await appErrorCode(authenticate(db, { email: admin.email, password: TEST_PASSWORD, ip }))).toBe(
      "RATE_LIMITED",
    );
    expect(
      await appErrorCode(authenticate(db, { email: admin.email, password: TEST_PASSWORD, ip: uniqueIp() })),
    ).toBe("OK");
  });

  it("is case-insensitive on email", async () => {
    const { admin } = await createTestTenant(db);
    const user = await authenticate(db, {
      email: admin.email.toUpperCase(),
      password: TEST_PASSWORD,
      ip: uniqueIp(),
    });
    expect(user.id).toBe(admin.id);
  });
});

describe("user management", () => {
  it("invites a user with a role; accepting creates the account with that role", async () => {
    const { tenant, admin } = await createTestTenant(db);
    const email = uniqueEmail("invitee");
    const invitation = await asUser(db, admin, (ctx) =>
      inviteUser(ctx, { email, role: "it_staff" }, "http://app.test"),
    );
    expect(invitation.link).toMatch(/^http:\/\/app\.test\/invite\/[\w-]{40,}$/);
    const token = invitation.link.split("/").pop() ?? "";

    expect(await findPendingInvitation(db, token)).toMatchObject({
      status: "pending",
      email,
      role: "it_staff",
      tenantName: tenant.name,
    });
    const { userId } = await acceptInvitation(db, {
      token,
      name: "Ivy Invitee",
      password: "invitee-password",
    });
    const user = await authenticate(db, { email, password: "invitee-password", ip: uniqueIp() });
    expect(user).toMatchObject({ id: userId, role: "it_staff", tenantId: tenant.id });

    expect((await findPendingInvitation(db, token)).status).toBe("accepted");
    expect(
      await appErrorCode(acceptInvitation(db, { token, name: "Again", password: "invitee-password" })),
    ).toBe("CONFLICT");
    const names = (await eventsOf(tenant.id)).map((event) => event.name);
    expect(names).toEqual(expect.arrayContaining(["user.invited", "user.created"]));
  });

  it("refuses a second pending invitation, and a revoked link no longer works", async () => {
    const { admin } = await createTestTenant(db);
    const email = uniqueEmail("twice");
    const first = await asUser(db, admin, (ctx) =>
      inviteUser(ctx, { email, role: "employee" }, "http://app.test"),
    );
    expect(
      await appErrorCode(
        asUser(db, admin, (ctx) => inviteUser(ctx, { email, role: "employee" }, "http://app.test")),
      ),
    ).toBe("CONFLICT");
    await asUser(db, admin, (ctx) => revokeInvitation(ctx, { invitationId: first.id }));
    const token = first.link.split("/").pop() ?? "";
    expect((await findPendingInvitation(db, token)).status).toBe("revoked");
    expect(await appErrorCode(acceptInvitation(db, { token, name: "Late", password: "late-password" }))).toBe(
      "NOT_FOUND",
    );
  });

  it("refuses an expired invitation", async () => {
    const { admin } = await createTestTenant(db);
    const invitation = await asUser(db, admin, (ctx) =>
      inviteUser(ctx, { email: uniqueEmail(), role: "employee" }, "http://app.test"),
    );
    await withPlatform(db, (trx) =>
      trx
        .updateTable("invitations")
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where("id", "=", invitation.id)
        .execute(),
    );
    const token = invitation.link.split("/").pop() ?? "";
    expect((await findPendingInvitation(db, token)).status).toBe("expired");
    expect(await appErrorCode(acceptInvitation(db, { token, name: "Late", password: "late-password" }))).toBe(
      "PRECONDITION_FAILED",
    );
  });

  it("changes a role and records before and after", async () => {
    const { tenant, admin } = await createTestTenant(db);
    const staff = await createTestUser(db, tenant, "it_staff");
    await asUser(db, admin, (ctx) => changeUserRole(ctx, { userId: staff.id, role: "auditor" }));
    expect((await currentSessionUser(staff.id))?.role).toBe("auditor");
    const changed = (await eventsOf(tenant.id)).find((event) => event.name === "user.role_changed");
    expect(changed).toMatchObject({
      entity_id: staff.id,
      actor_id: admin.id,
      data: { changes: { role: { before: "it_staff", after: "auditor" } } },
    });
  });

  it("never leaves a tenant without an active admin, and refuses changes to oneself", async () => {
    const { tenant, admin } = await createTestTenant(db);
    const second = await createTestUser(db, tenant, "admin");
    expect(
      await appErrorCode(
        asUser(db, admin, (ctx) => changeUserRole(ctx, { userId: admin.id, role: "employee" })),
      ),
    ).toBe("FORBIDDEN");
    expect(await appErrorCode(asUser(db, admin, (ctx) => deactivateUser(ctx, { userId: admin.id })))).toBe(
      "FORBIDDEN",
    );
    await asUser(db, admin, (ctx) => changeUserRole(ctx, { userId: second.id, role: "employee" }));
    const promoted = await createTestUser(db, tenant, "admin");
    await asUser(db, promoted, (ctx) => deactivateUser(ctx, { userId: admin.id }));
    // `promoted` is now the only active admin: another admin cannot be found to demote them
    expect(
      await appErrorCode(
        asUser(db, promoted, (ctx) => changeUserRole(ctx, { userId: promoted.id, role: "employee" })),
      ),
    ).toBe("FORBIDDEN");
  });

  it("a deactivated user can no longer sign in and their session stops; reactivation restores both", async () => {
    const { tenant, admin } = await createTestTenant(db);
    const employee = await createTestUser(db, tenant, "employee");
    expect(await currentSessionUser(employee.id)).not.toBeNull();

    await asUser(db, admin, (ctx) => deactivateUser(ctx, { userId: employee.id }));
    expect(await currentSessionUser(employee.id)).toBeNull();
    const refused = authenticate(db, { email: employee.email, password: TEST_PASSWORD, ip: uniqueIp() });
    await expect(refused).rejects.toThrow(/deactivated/);

    await asUser(db, admin, (ctx) => reactivateUser(ctx, { userId: employee.id }));
    expect(await currentSessionUser(employee.id)).not.toBeNull();
  });

  it("cannot touch users of another tenant", async () => {
    const { admin } = await createTestTenant(db);
    const other = await createTestTenant(db);
    expect(
      await appErrorCode(asUser(db, admin, (ctx) => deactivateUser(ctx, { userId: other.admin.id }))),
    ).toBe("NOT_FOUND");
    expect(await currentSessionUser(other.admin.id)).not.toBeNull();
  });
});
