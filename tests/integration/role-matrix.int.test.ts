import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import type { SessionUser } from "@/server/context";
import { type Role, roles } from "@/server/roles";
import { appRouter, createCaller } from "@/server/router";
import type { Access } from "@/server/trpc";
import { createSuperAdmin, createTestTenant, createTestUser } from "../factories/tenants";
import { useTestDatabase } from "../support/database";

/**
 * Every procedure of the router x every role: FORBIDDEN exactly when the procedure's declared
 * access (meta.access, written next to the procedure) excludes the role. Read from the router, so
 * procedures added later are covered without touching this file.
 */
type AnyProcedure = { _def: { meta?: { access?: Access }; type: "query" | "mutation" | "subscription" } };
// At run time `_def.procedures` is flat, keyed by dotted path ("accounts.invite").
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, AnyProcedure>);

let handle: DatabaseHandle;
const users = {} as Record<Role, SessionUser>;

beforeAll(async () => {
  handle = await useTestDatabase();
  const { tenant, admin } = await createTestTenant(handle.db, "Role matrix");
  users.admin = { ...admin, tenantName: tenant.name };
  for (const role of ["it_staff", "auditor", "employee"] as const) {
    users[role] = await createTestUser(handle.db, tenant, role);
  }
  const superAdmin = await createSuperAdmin(handle.db);
  users.super_admin = { ...superAdmin, role: "super_admin", tenantId: null, tenantName: null };
});
afterAll(() => handle.close());

async function call(path: string, user: SessionUser | null): Promise<TRPCError | null> {
  const caller = createCaller({ user, requestId: "role-matrix", ip: "127.0.0.1" });
  // biome-ignore lint/suspicious/noExplicitAny: walking the caller proxy by path
  const fn = path.split(".").reduce<any>((node, key) => node[key], caller);
  try {
    // No input: allowed callers fail validation (BAD_REQUEST) or succeed; refused callers are
    // stopped by the access check, which runs before input parsing.
    await fn(undefined);
    return null;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
}

/**
 * Mutations of the caller's own state, not the tenant's: auditors, read-only on tenant data, still
 * mark their own notifications read and choose how and when they get them.
 */
const ownStateMutations = new Set([
  "notifications.markRead",
  "notifications.markAllRead",
  "notifications.setPreference",
  "notifications.setQuietHours",
  "notifications.setSettings",
  "notifications.subscribePush",
  "notifications.unsubscribePush",
]);

const allows = (access: Access, role: Role) =>
  access === "public" || access === "authenticated" || access.includes(role);

describe("role matrix", () => {
  it("finds the procedures of every router", () => {
    expect(procedures.length).toBeGreaterThanOrEqual(10);
  });

  it.each(procedures)("%s declares who may call it", (_path, procedure) => {
    expect(procedure._def.meta?.access).toBeDefined();
  });

  it.each(procedures.filter(([path, p]) => p._def.type === "mutation" && !ownStateMutations.has(path)))(
    "%s (a mutation) is closed to auditors",
    (_path, procedure) => {
      const access = procedure._def.meta?.access;
      expect(access === "public" || access === "authenticated" || !access?.includes("auditor")).toBe(true);
    },
  );

  const cases = procedures.flatMap(([path, procedure]) =>
    roles.map((role) => [path, role, procedure._def.meta?.access ?? []] as const),
  );

  it.each(cases)("%s as %s", async (path, role, access) => {
    const error = await call(path, users[role]);
    if (allows(access, role)) {
      expect(error?.code ?? "OK", `${role} is declared allowed on ${path}`).not.toMatch(
        /^(FORBIDDEN|UNAUTHORIZED)$/,
      );
    } else {
      expect(error?.code, `${role} is not declared on ${path}`).toBe("FORBIDDEN");
    }
  });

  it.each(procedures.filter(([, p]) => p._def.meta?.access !== "public"))(
    "%s refuses anonymous callers",
    async (path) => {
      const error = await call(path, null);
      expect(error?.code).toBe("UNAUTHORIZED");
    },
  );
});
