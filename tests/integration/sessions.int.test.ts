import { NextRequest } from "next/server";
import type { Session } from "next-auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { changePassword } from "@/server/accounts/services/change-password";
import { endAllSessions } from "@/server/accounts/services/end-sessions";
import { deactivateUser, reactivateUser } from "@/server/accounts/services/set-user-active";
import { auth, handlers } from "@/server/auth/config";
import { resolveSessionUser } from "@/server/auth/session";
import type { Db } from "@/server/db";
import {
  asUser,
  createSuperAdmin,
  createTestTenant,
  createTestUser,
  TEST_PASSWORD,
} from "../factories/tenants";
import { useTestDatabase } from "../support/database";

/**
 * Sessions end when they should: real session cookies, issued by the sign-in route, stop
 * resolving to a user after sign-out, a password change, a deactivation (even once the user is
 * reactivated) and "sign out everywhere".
 */
let handle: DatabaseHandle;
let db: Db;
beforeAll(async () => {
  handle = await useTestDatabase();
  db = handle.db;
});
afterAll(() => handle.close());

const base = "http://localhost:3000/api/auth";
const cookiesOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0] ?? "")
    .join("; ");

async function csrf(cookie = ""): Promise<{ token: string; cookie: string }> {
  const response = await handlers.GET(new NextRequest(`${base}/csrf`, { headers: { cookie } }));
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { token: csrfToken, cookie: [cookie, cookiesOf(response)].filter(Boolean).join("; ") };
}

/** Signs in through the credentials route; returns the session cookie the browser would keep. */
async function signInCookie(email: string, password = TEST_PASSWORD): Promise<string> {
  const form = await csrf();
  const response = await handlers.POST(
    new NextRequest(`${base}/callback/credentials`, {
      method: "POST",
      headers: { cookie: form.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password, csrfToken: form.token, callbackUrl: "/" }),
    }),
  );
  const session = response.headers.getSetCookie().find((cookie) => cookie.includes("session-token="));
  if (!session) throw new Error(`sign-in set no session cookie (${response.status})`);
  return session.split(";")[0] ?? "";
}

async function signOutWith(cookie: string): Promise<void> {
  const form = await csrf(cookie);
  await handlers.POST(
    new NextRequest(`${base}/signout`, {
      method: "POST",
      headers: { cookie: form.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken: form.token, callbackUrl: "/sign-in" }),
    }),
  );
}

/** What every page, route handler and tRPC call does with the request's cookie. */
async function userOf(cookie: string) {
  // auth() in its API-route form: it reads the cookie from the given request.
  const readSession = auth as unknown as (
    req: { headers: Headers },
    res: { headers: Headers },
  ) => Promise<Session | null>;
  const headers = new Headers({ cookie, host: "localhost:3000", "x-forwarded-proto": "http" });
  const session = await readSession({ headers }, { headers: new Headers() });
  return resolveSessionUser(session);
}

describe("session cookies", () => {
  it("a cookie copied before sign-out no longer resolves to a user", async () => {
    const { tenant } = await createTestTenant(db);
    const staff = await createTestUser(db, tenant, "it_staff");
    const cookie = await signInCookie(staff.email);
    expect((await userOf(cookie))?.id).toBe(staff.id);
    const copied = cookie;
    await signOutWith(cookie);
    expect(await userOf(copied)).toBeNull();
    const again = await signInCookie(staff.email);
    expect((await userOf(again))?.id).toBe(staff.id);
  });

  it("a platform admin's cookie ends at sign-out too", async () => {
    const superAdmin = await createSuperAdmin(db);
    const cookie = await signInCookie(superAdmin.email);
    expect((await userOf(cookie))?.role).toBe("super_admin");
    await signOutWith(cookie);
    expect(await userOf(cookie)).toBeNull();
  });

  it("a cookie from before a deactivation does not work again after reactivation", async () => {
    const { tenant, admin } = await createTestTenant(db);
    const employee = await createTestUser(db, tenant, "employee");
    const cookie = await signInCookie(employee.email);
    await asUser(db, admin, (ctx) => deactivateUser(ctx, { userId: employee.id }));
    expect(await userOf(cookie)).toBeNull();
    await asUser(db, admin, (ctx) => reactivateUser(ctx, { userId: employee.id }));
    expect(await userOf(cookie)).toBeNull();
    expect((await userOf(await signInCookie(employee.email)))?.id).toBe(employee.id);
  });

  it("a password change ends every earlier session", async () => {
    const { tenant } = await createTestTenant(db);
    const staff = await createTestUser(db, tenant, "auditor");
    const laptop = await signInCookie(staff.email);
    const phone = await signInCookie(staff.email);
    await changePassword(
      db,
      staff,
      { currentPassword: TEST_PASSWORD, newPassword: "a-changed-password" },
      "10.9.9.9",
    );
    expect(await userOf(laptop)).toBeNull();
    expect(await userOf(phone)).toBeNull();
    expect((await userOf(await signInCookie(staff.email, "a-changed-password")))?.id).toBe(staff.id);
  });

  it("sign out everywhere ends the sessions on every device", async () => {
    const { tenant } = await createTestTenant(db);
    const employee = await createTestUser(db, tenant, "employee");
    const laptop = await signInCookie(employee.email);
    const phone = await signInCookie(employee.email);
    await endAllSessions(db, employee);
    expect(await userOf(laptop)).toBeNull();
    expect(await userOf(phone)).toBeNull();
  });
});
