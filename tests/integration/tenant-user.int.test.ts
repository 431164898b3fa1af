import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/server/context";
import { createCaller } from "@/server/router";

/**
 * The one "session user -> tenant user" check (server/context.ts tenantUserOf) as each tenant
 * rung meets it: a procedure in a transaction, the integrations' procedure without one, and a
 * tenant route handler refuse a user with a tenant role but no tenant alike, before any input is
 * read or any transaction opened.
 */
const orphan: SessionUser = {
  id: randomUUID(),
  tenantId: null,
  tenantName: null,
  role: "admin",
  email: "orphan@example.test",
  name: "Orphan",
};
vi.mock("@/server/auth/session", () => ({ getSessionUser: async () => orphan }));

const PLATFORM_REFUSAL = "This belongs to an organization; platform accounts have none.";

const refusalOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "answered",
    (error: unknown) => (error instanceof TRPCError ? `${error.code}: ${error.message}` : String(error)),
  );

describe("a tenant rung's check of the signed-in user", () => {
  const caller = createCaller({ user: orphan, requestId: "tenant-user", ip: "127.0.0.1" });

  it("refuses a user without a tenant in a tenant procedure", async () => {
    expect(await refusalOf(caller.assets.list({}))).toBe(`FORBIDDEN: ${PLATFORM_REFUSAL}`);
  });

  it("refuses them alike in a procedure that holds no transaction", async () => {
    expect(await refusalOf(caller.integrations.testConnection({ id: randomUUID() }))).toBe(
      `FORBIDDEN: ${PLATFORM_REFUSAL}`,
    );
  });

  it("refuses them alike in a tenant route handler", async () => {
    const { GET } = await import("@/app/api/assets/export/route");
    const response = await GET(new Request("http://localhost:3000/api/assets/export"));
    expect(response.status).toBe(403);
    expect(JSON.stringify(await response.json())).toContain(PLATFORM_REFUSAL);
  });
});
