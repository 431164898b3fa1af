import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { exportAssetsCsv } from "@/server/assets/list/services/export-assets-csv";
import type { SessionUser } from "@/server/context";
import { type Db, withPlatform } from "@/server/db";
import { createCaller } from "@/server/router";
import { createAssetFixtures, createTestAsset } from "../factories/assets";
import { signUpAndConfirm } from "../factories/sign-up";
import { createTestTenant, createTestUser, TEST_PASSWORD, uniqueEmail } from "../factories/tenants";
import { useTestDatabase } from "../support/database";

let handle: DatabaseHandle;
let db: Db;
beforeAll(async () => {
  handle = await useTestDatabase();
  db = handle.db;
});
afterAll(() => handle.close());

const callerFor = (user: SessionUser) => createCaller({ user, requestId: "currency-test", ip: "127.0.0.1" });
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "OK",
    (error: unknown) => (error instanceof TRPCError ? error.code : String(error)),
  );

async function signUpWith(locale: string | null) {
  const email = uniqueEmail("founder");
  const ip = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  await signUpAndConfirm(
    db,
    { organization: `Org ${randomUUID().slice(0, 6)}`, name: "Fran Founder", email, password: TEST_PASSWORD },
    ip,
    locale,
  );
  return withPlatform(db, (trx) =>
    trx
      .selectFrom("users")
      .innerJoin("tenants", "tenants.id", "users.tenant_id")
      .select(["tenants.currency"])
      .where("users.email", "=", email)
      .executeTakeFirstOrThrow(),
  );
}

describe("the organization's currency", () => {
  it("comes from the sign-up locale's region, USD without one", async () => {
    expect((await signUpWith("de-DE,de;q=0.9,en;q=0.8")).currency).toBe("EUR");
    expect((await signUpWith("en-GB")).currency).toBe("GBP");
    expect((await signUpWith(null)).currency).toBe("USD");
  });

  it("is changed by an admin in Settings, recorded in the audit log, and read by everyone", async () => {
    const { tenant, admin } = await createTestTenant(db);
    const staff = await createTestUser(db, tenant, "it_staff");
    expect(await callerFor(staff).tenants.settings()).toEqual({ name: tenant.name, currency: "USD" });
    expect(await codeOf(callerFor(staff).tenants.updateSettings({ currency: "EUR" }))).toBe("FORBIDDEN");
    expect(await codeOf(callerFor(admin).tenants.updateSettings({ currency: "XXX" as "EUR" }))).toBe(
      "BAD_REQUEST",
    );

    expect(await callerFor(admin).tenants.updateSettings({ currency: "EUR" })).toMatchObject({
      currency: "EUR",
    });
    expect((await callerFor(staff).tenants.settings()).currency).toBe("EUR");
    const [latest] = (await callerFor(admin).audit.list({ names: ["settings.changed"] })).items;
    expect(latest?.data).toEqual({ changes: { currency: { before: "USD", after: "EUR" } } });
  });

  it("travels with each cost in the asset export", async () => {
    const { tenant, admin } = await createTestTenant(db);
    const { categoryId } = await createAssetFixtures(db, tenant.id);
    await createTestAsset(db, admin, categoryId, { cost: "1299.50" });
    await createTestAsset(db, admin, categoryId, { name: "Donated monitor" });
    await callerFor(admin).tenants.updateSettings({ currency: "GBP" });
    const { stream } = await exportAssetsCsv(db, admin, { sort: "name", dir: "asc" });
    const [header, ...rows] = (await new Response(stream).text()).trimEnd().split("\r\n");
    const columns = header?.split(",") ?? [];
    const cost = columns.indexOf("Cost");
    expect(columns[cost + 1]).toBe("Currency");
    const cells = rows.map((row) => row.split(","));
    expect(cells.map((cell) => [cell[1], cell[cost], cell[cost + 1]])).toEqual([
      ["Donated monitor", "", ""],
      ["MacBook Pro 14", "1299.50", "GBP"],
    ]);
  });
});
