import { afterEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "../context";
import { can, roles } from "../roles";

/**
 * The one role check pages use: without a session it sends the person to sign in, with a role the
 * page does not admit it answers 403 (Next's forbidden(), which outside Next throws its own
 * "experimental" error), and otherwise it hands the page the user.
 */
let sessionUser: SessionUser | null = null;
vi.mock("./session", () => ({ getSessionUser: async () => sessionUser }));
const { requireRole } = await import("./guards");

const person = (role: SessionUser["role"]): SessionUser => ({
  id: "00000000-0000-4000-8000-000000000001",
  tenantId: role === "super_admin" ? null : "00000000-0000-4000-8000-000000000002",
  tenantName: role === "super_admin" ? null : "Acme",
  role,
  email: `${role}@example.test`,
  name: role,
});

afterEach(() => {
  sessionUser = null;
});

describe("requireRole", () => {
  it("sends a visitor without a session to the sign-in page", async () => {
    await expect(requireRole(can.audit)).rejects.toMatchObject({
      digest: expect.stringContaining(";/sign-in;"),
    });
  });

  it("refuses a role the page does not admit", async () => {
    sessionUser = person("it_staff");
    await expect(requireRole(can.audit)).rejects.toThrow(/forbidden\(\)/);
    sessionUser = person("super_admin");
    await expect(requireRole(can.readTenant)).rejects.toThrow(/forbidden\(\)/);
  });

  it("hands the page a user the page admits, any role when every role is admitted", async () => {
    sessionUser = person("auditor");
    expect((await requireRole(can.audit)).tenantName).toBe("Acme");
    sessionUser = person("super_admin");
    expect((await requireRole(roles)).role).toBe("super_admin");
  });
});
