import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { authenticate } from "@/server/accounts/services/authenticate";
import type { Db } from "@/server/db";
import { createCaller } from "@/server/router";
import { createAssetFixtures, createTestAsset } from "../factories/assets";
import { createTestTenant, createTestUser, TEST_PASSWORD, type TestUser } from "../factories/tenants";
import { useTestDatabase } from "../support/database";

let handle: DatabaseHandle;
let db: Db;
beforeAll(async () => {
  handle = await useTestDatabase();
  db = handle.db;
});
afterAll(() => handle.close());

const dashboardOf = (user: TestUser) =>
  createCaller({ user, requestId: "first-visit-test", ip: "127.0.0.1" }).dashboard;
const signIn = (user: TestUser) =>
  authenticate(db, { email: user.email, password: TEST_PASSWORD, ip: "10.0.0.9" });

describe("a new organization's dashboard", () => {
  it("greets a person on their first visit, and welcomes them back from the second", async () => {
    const { tenant } = await createTestTenant(db);
    const staff = await createTestUser(db, tenant, "it_staff");
    await signIn(staff);
    expect((await dashboardOf(staff).summary()).returning).toBe(false);
    await signIn(staff);
    expect((await dashboardOf(staff).summary()).returning).toBe(true);
  });

  it("has no assets to count until the first is added", async () => {
    const { tenant, admin } = await createTestTenant(db);
    const user = { ...admin, email: admin.email };
    const before = await dashboardOf(user).assets();
    expect(before.total + before.disposed).toBe(0);
    const { categoryId } = await createAssetFixtures(db, tenant.id);
    await createTestAsset(db, user, categoryId);
    expect((await dashboardOf(user).assets()).total).toBe(1);
  });
});
