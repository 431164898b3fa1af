import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { asMutationError, mutationMessages } from "@/app/_lib/form-errors";
import { POST } from "@/app/api/trpc/[trpc]/route";
import type { DatabaseHandle } from "@/db";
import type { SessionUser } from "@/server/context";
import type { AppRouter } from "@/server/router";
import { createTestTenant } from "../factories/tenants";
import { useTestDatabase } from "../support/database";

/**
 * What a form shows for a refusal, end to end: the procedure's error through tRPC's HTTP
 * handler and error formatter, read by the same form-errors mapping the screens use.
 */
let sessionUser: SessionUser | null = null;
vi.mock("@/server/auth/session", () => ({ getSessionUser: async () => sessionUser }));

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await useTestDatabase();
  sessionUser = (await createTestTenant(handle.db)).admin;
});
afterAll(() => handle.close());

const client = () =>
  createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: "http://localhost:3000/api/trpc",
        transformer: superjson,
        fetch: async (url: URL | RequestInfo, init?: RequestInit) =>
          POST(new Request(new URL(String(url), "http://localhost:3000"), init)),
      }),
    ],
  });

const assetFields = ["name", "tag", "serial", "categoryId", "cost", "vendor"];

async function refusal(attempt: Promise<unknown>, fields = assetFields) {
  const caught = await attempt.then(
    () => null,
    (error: unknown) => error,
  );
  expect(caught, "the request should have been refused").not.toBeNull();
  return mutationMessages(asMutationError(caught), fields);
}

describe("messages a person can act on", () => {
  it("shows a duplicate tag on the Tag field, not above the buttons", async () => {
    const api = client();
    const category = await api.reference.category.create.mutate({ name: "Laptops", depreciationMonths: 36 });
    await api.assets.create.mutate({ name: "First", tag: "LAP-DUP-1", categoryId: category.id });

    const messages = await refusal(
      api.assets.create.mutate({ name: "Second", tag: "LAP-DUP-1", categoryId: category.id }),
    );
    expect(messages.field("tag")).toBe("Tag LAP-DUP-1 is already used by another asset.");
    expect(messages.form).toBeUndefined();
  });

  it("names the field and its limit, and says what is wrong with an amount", async () => {
    const api = client();
    const category = await api.reference.category.create.mutate({ name: "Monitors", depreciationMonths: 36 });
    const messages = await refusal(
      api.assets.create.mutate({ name: "x".repeat(231), categoryId: category.id, cost: "$1299" }),
    );
    expect(messages.field("name")).toBe("Name can be at most 200 characters (this has 231)");
    expect(messages.field("cost")).toBe("Enter the amount without a currency sign, like 1299.00");
    expect(messages.form).toBeUndefined();
  });

  it("words a refused input's whole message for a person, not as zod's JSON", async () => {
    const caught = await client()
      .reference.category.create.mutate({ name: "c".repeat(130) })
      .then(
        () => null,
        (error: unknown) => asMutationError(error),
      );
    expect(caught?.message).toBe("Name can be at most 120 characters (this has 130)");
  });

  it("refuses an emoji-only asset name as it refuses an emoji-only category name", async () => {
    const api = client();
    const category = await api.reference.category.create.mutate({ name: "Phones", depreciationMonths: 24 });
    const asset = await refusal(api.assets.create.mutate({ name: "📱📱", categoryId: category.id }));
    expect(asset.field("name")).toBe("Use at least one letter or digit");
    const categoryRefusal = await refusal(api.reference.category.create.mutate({ name: "📱📱" }));
    expect(categoryRefusal.field("name")).toBe("Use at least one letter or digit");
  });

  it("refuses emoji-only names for people, workflow templates and integrations alike", async () => {
    const api = client();
    const employee = await refusal(api.employees.create.mutate({ firstName: "🙂", lastName: "✨✨" }), [
      "firstName",
      "lastName",
    ]);
    expect(employee.field("firstName")).toBe("Use at least one letter or digit");
    expect(employee.field("lastName")).toBe("Use at least one letter or digit");

    const template = await refusal(
      api.workflows.updateTemplate.mutate({
        templateId: "3f0c2a9e-8d1b-4c6a-9f3e-2b7d5e1a4c80",
        baseVersion: 1,
        name: "🚀🚀",
        steps: [],
      }),
      ["name", "steps"],
    );
    expect(template.field("name")).toBe("Use at least one letter or digit");

    const integration = await refusal(
      api.integrations.create.mutate({ provider: "bamboohr", name: "🔌", credentials: {} }),
      ["name", "credentials"],
    );
    expect(integration.field("name")).toBe("Use at least one letter or digit");
    const tooLong = await refusal(
      api.integrations.create.mutate({ provider: "bamboohr", name: "B".repeat(81), credentials: {} }),
      ["name"],
    );
    expect(tooLong.field("name")).toBe("Name can be at most 80 characters (this has 81)");
  });
});
