import { afterEach, describe, expect, it, vi } from "vitest";

/**
 * The request id a caller sends comes back in "reference ..." messages and goes into the log:
 * only a well-formed one is kept, anything else is replaced. Every route handler that reads it
 * and the tRPC context are checked; the session lookup is made to fail so each answers its 500.
 */
const sessionFailure = vi.hoisted(() => ({ fail: false }));
vi.mock("@/server/auth/session", () => ({
  getSessionUser: async () => {
    if (sessionFailure.fail) throw new Error("session store unreachable");
    return null;
  },
}));

const { GET: exportAssets } = await import("@/app/api/assets/export/route");
const { GET: printLabels } = await import("@/app/api/assets/labels/route");
const { GET: importProblems } = await import("@/app/api/assets/import/[id]/problems/route");
const { GET: exportAudit } = await import("@/app/api/audit/export/route");
const { createTrpcContext } = await import("@/server/trpc-context");

// Header values cannot hold a newline, but quotes, markup and any length get through.
const hostile = `x", "msg": "forged log line" <script>alert(1)</script> ${"padding ".repeat(500)}`;
const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
const handlers: Array<[string, (request: Request) => Promise<Response>]> = [
  ["/api/assets/export", exportAssets],
  ["/api/assets/labels", printLabels],
  [
    "/api/assets/import/00000000-0000-4000-8000-000000000000/problems",
    (request) =>
      importProblems(request, { params: Promise.resolve({ id: "00000000-0000-4000-8000-000000000000" }) }),
  ],
  ["/api/audit/export", exportAudit],
];

afterEach(() => {
  sessionFailure.fail = false;
});

describe("route handlers", () => {
  for (const [path, handler] of handlers) {
    it(`${path} echoes a well-formed request id and replaces a hostile one`, async () => {
      sessionFailure.fail = true;
      const call = async (id: string) => {
        const response = await handler(
          new Request(`http://localhost:3000${path}`, { headers: { "x-request-id": id } }),
        );
        expect(response.status).toBe(500);
        return ((await response.json()) as { error: { message: string } }).error.message;
      };
      expect(await call("trace-0123456789")).toContain("(reference trace-0123456789)");
      const message = await call(hostile);
      expect(message).not.toContain("forged");
      expect(message).not.toContain("<script>");
      expect(message).toMatch(uuid);
    });
  }
});

describe("tRPC context", () => {
  it("keeps a well-formed request id and replaces a hostile one", async () => {
    const context = (id: string) => createTrpcContext(new Headers({ "x-request-id": id }));
    expect((await context("trace-0123456789")).requestId).toBe("trace-0123456789");
    const replaced = (await context(hostile)).requestId;
    expect(replaced).not.toContain("forged");
    expect(replaced).toMatch(uuid);
  });
});
