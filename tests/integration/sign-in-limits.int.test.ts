import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { authenticate } from "@/server/accounts/services/authenticate";
import { changePassword } from "@/server/accounts/services/change-password";
import { createPasswordReset } from "@/server/accounts/services/create-password-reset";
import { resetPassword } from "@/server/accounts/services/reset-password";
import { signUp } from "@/server/accounts/services/sign-up";
import { signInLimits, signUpLimits } from "@/server/accounts/sign-in-throttle";
import { type Db, withPlatform, withTenant } from "@/server/db";
import { AppError } from "@/server/errors";
import {
  asUser,
  createSuperAdmin,
  createTestTenant,
  createTestUser,
  TEST_PASSWORD,
  uniqueEmail,
} from "../factories/tenants";
import { useTestDatabase } from "../support/database";

/**
 * Sign-in limits that hold under concurrency and cannot be turned against the account's owner:
 * counted per account and address before the password is checked, a slowdown (not a lock) per
 * account, and sign-up limited per address without saying whether an email has an account.
 */
let handle: DatabaseHandle;
let db: Db;
beforeAll(async () => {
  handle = await useTestDatabase();
  db = handle.db;
});
afterAll(() => handle.close());

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "OK",
    (error: unknown) => (error instanceof AppError ? error.code : String(error)),
  );
let lastOctet = 0;
const uniqueIp = () =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${(lastOctet++ % 250) + 1}`;
const wrong = (email: string, ip: string) => authenticate(db, { email, password: "wrong-password", ip });
const attemptsOf = (email: string) =>
  withPlatform(db, (trx) =>
    trx
      .selectFrom("sign_in_attempts")
      .select(["ip", "success", "reason"])
      .where("email", "=", email)
      .execute(),
  );

describe("failures are counted before the password is checked", () => {
  it("checks at most the limit of 20 simultaneous wrong passwords from one address", async () => {
    const { admin } = await createTestTenant(db);
    const ip = uniqueIp();
    const codes = await Promise.all(Array.from({ length: 20 }, () => codeOf(wrong(admin.email, ip))));
    const checked = codes.filter((code) => code === "UNAUTHORIZED").length;
    expect(checked).toBe(signInLimits.perAccountAndAddress);
    expect(codes.filter((code) => code === "RATE_LIMITED")).toHaveLength(20 - checked);
    const verified = (await attemptsOf(admin.email)).filter((row) => row.reason === "invalid_credentials");
    expect(verified).toHaveLength(signInLimits.perAccountAndAddress);
  });
});

describe("nobody can lock anyone else out", () => {
  it.each(["tenant admin", "super admin"])(
    "refuses the address that failed, but not the %s signing in from another one",
    async (who) => {
      const email =
        who === "super admin" ? (await createSuperAdmin(db)).email : (await createTestTenant(db)).admin.email;
      const attacker = uniqueIp();
      for (let i = 0; i < signInLimits.perAccountAndAddress + 2; i++) await codeOf(wrong(email, attacker));
      expect(await codeOf(authenticate(db, { email, password: TEST_PASSWORD, ip: attacker }))).toBe(
        "RATE_LIMITED",
      );
      const owner = await authenticate(db, { email, password: TEST_PASSWORD, ip: uniqueIp() });
      expect(owner.email).toBe(email);
    },
  );

  it("slows an account down after failures from many addresses, and still lets its owner in", async () => {
    const { admin } = await createTestTenant(db);
    const failures = signInLimits.slowdownAfter + 2;
    for (let i = 0; i < failures; i++)
      expect(await codeOf(wrong(admin.email, uniqueIp()))).toBe("UNAUTHORIZED");
    const started = performance.now();
    const owner = await authenticate(db, { email: admin.email, password: TEST_PASSWORD, ip: uniqueIp() });
    expect(owner.id).toBe(admin.id);
    // slowdownAfter + 2 failures: the third step of the doubling delay
    expect(performance.now() - started).toBeGreaterThanOrEqual(signInLimits.slowdownBaseMs * 4 - 20);
  });

  it("a successful sign-in from an address clears that address's failures for the account", async () => {
    const { admin } = await createTestTenant(db);
    const ip = uniqueIp();
    for (let i = 0; i < signInLimits.perAccountAndAddress - 1; i++) await codeOf(wrong(admin.email, ip));
    await authenticate(db, { email: admin.email, password: TEST_PASSWORD, ip });
    for (let i = 0; i < signInLimits.perAccountAndAddress - 1; i++) {
      expect(await codeOf(wrong(admin.email, ip))).toBe("UNAUTHORIZED");
    }
  });
});

describe("an IPv6 caller counts as its /64", () => {
  let subnet = 0;
  const uniqueSubnet = () =>
    `2001:db8:${(++subnet).toString(16)}:${Math.floor(Math.random() * 0xffff).toString(16)}`;

  it("refuses fresh addresses of a /64 that failed, not the /64 next door", async () => {
    const { admin } = await createTestTenant(db);
    const prefix = uniqueSubnet();
    // each wrong password from a new address of the same /64, as a host picking privacy addresses
    for (let i = 1; i <= signInLimits.perAccountAndAddress; i++) {
      expect(await codeOf(wrong(admin.email, `${prefix}::${i.toString(16)}`))).toBe("UNAUTHORIZED");
    }
    expect(await codeOf(wrong(admin.email, `${prefix}:ffff:ffff:ffff:ffff`))).toBe("RATE_LIMITED");
    const neighbour = `${prefix.replace(/[0-9a-f]+$/, (last) => (Number.parseInt(last, 16) ^ 1).toString(16))}::1`;
    const owner = await authenticate(db, { email: admin.email, password: TEST_PASSWORD, ip: neighbour });
    expect(owner.id).toBe(admin.id);
  });
});

describe("the rate-limit message's promise: a password reset unblocks the account", () => {
  it("a reset link from an admin lets the locked-out person sign in from the same address", async () => {
    const { tenant, admin } = await createTestTenant(db);
    const staff = await createTestUser(db, tenant, "it_staff");
    const ip = uniqueIp();
    for (let i = 0; i < signInLimits.perAccountAndAddress; i++) await codeOf(wrong(staff.email, ip));
    const refused = authenticate(db, { email: staff.email, password: TEST_PASSWORD, ip });
    await expect(refused).rejects.toThrow(/ask an administrator to reset your password/);

    const reset = await asUser(db, admin, (ctx) =>
      createPasswordReset(ctx, { userId: staff.id }, "http://app.test"),
    );
    const token = reset.link.split("/").pop() ?? "";
    await resetPassword(db, { token, password: "a-brand-new-password" });
    const user = await authenticate(db, { email: staff.email, password: "a-brand-new-password", ip });
    expect(user.id).toBe(staff.id);
  });

  it("changing a password needs the current one, under the same limits", async () => {
    const { tenant } = await createTestTenant(db);
    const staff = await createTestUser(db, tenant, "it_staff");
    const ip = uniqueIp();
    const change = (currentPassword: string) =>
      codeOf(changePassword(db, staff, { currentPassword, newPassword: "another-long-password" }, ip));
    for (let i = 0; i < signInLimits.perAccountAndAddress; i++) {
      expect(await change("wrong-password")).toBe("UNAUTHORIZED");
    }
    expect(await change(TEST_PASSWORD)).toBe("RATE_LIMITED");
    const other = uniqueIp();
    expect(
      await codeOf(
        changePassword(
          db,
          staff,
          { currentPassword: TEST_PASSWORD, newPassword: "another-long-password" },
          other,
        ),
      ),
    ).toBe("OK");
    const user = await authenticate(db, { email: staff.email, password: "another-long-password", ip: other });
    expect(user.id).toBe(staff.id);
  });
});

describe("sign-up", () => {
  const input = (email: string) => ({
    organization: "Sign-up Limits Inc",
    name: "Sally Signup",
    email,
    password: "a-long-password",
  });

  it("answers an email that has an account as it answers a new one, and tells its owner", async () => {
    const { tenant, admin } = await createTestTenant(db);
    const freshEmail = uniqueEmail("fresh");
    // Both answers say only "now sign in with these credentials"; neither says whether it existed.
    expect(await signUp(db, input(admin.email.toUpperCase()), uniqueIp())).toEqual({ email: admin.email });
    expect(await signUp(db, input(freshEmail), uniqueIp())).toEqual({ email: freshEmail });
    // Neither creates an account or an organization yet: the new address's waits for its emailed link.
    // (Asked of these two addresses, not by counting tenants: other files create tenants meanwhile.)
    const accounts = await withPlatform(db, (trx) =>
      trx
        .selectFrom("users")
        .select(["email", "tenant_id"])
        .where("email", "in", [admin.email, freshEmail])
        .execute(),
    );
    expect(accounts).toEqual([{ email: admin.email, tenant_id: tenant.id }]);
    const events = await withTenant(db, tenant.id, (trx) =>
      trx.selectFrom("events").select(["name", "entity_id"]).orderBy("seq").execute(),
    );
    expect(events).toContainEqual({ name: "user.sign_up_attempted_existing", entity_id: admin.id });
  });

  it("limits sign-ups per address", async () => {
    const ip = uniqueIp();
    for (let i = 0; i < signUpLimits.perAddress; i++) {
      expect(await codeOf(signUp(db, input(uniqueEmail("burst")), ip))).toBe("OK");
    }
    expect(await codeOf(signUp(db, input(uniqueEmail("burst")), ip))).toBe("RATE_LIMITED");
    expect(await codeOf(signUp(db, input(uniqueEmail("burst")), uniqueIp()))).toBe("OK");
  });

  it("limits sign-ups per IPv6 /64, whatever address in it each one uses", async () => {
    const prefix = `2001:db8:ffff:${Math.floor(Math.random() * 0xffff).toString(16)}`;
    for (let i = 1; i <= signUpLimits.perAddress; i++) {
      expect(await codeOf(signUp(db, input(uniqueEmail("v6")), `${prefix}::${i.toString(16)}`))).toBe("OK");
    }
    expect(await codeOf(signUp(db, input(uniqueEmail("v6")), `${prefix}:1:2:3:4`))).toBe("RATE_LIMITED");
  });
});
