import { mkdtemp, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db";
import { DEMO_PASSWORD, demoSuperAdmin, seedDemo } from "@/db/seed";
import { verifyPassword } from "@/server/accounts/password";
import { type Db, withPlatform } from "@/server/db";
import { demoPlan, prepareFirstStart, SUPER_ADMIN_PASSWORD_FILE } from "@/server/first-start";
import { createTestTenant, createTestUser } from "../factories/tenants";
import { openIsolatedTestDatabase } from "../support/database";

/**
 * Safe defaults at first start: a fresh production start (PostgreSQL, or listening beyond
 * localhost) seeds no demo and creates no platform operator with a published password; the
 * operator named by SUPER_ADMIN_EMAIL gets a password printed once.
 */
const original = { ...process.env };
afterEach(() => {
  process.env = { ...original };
  vi.resetModules();
});

async function loadEnv(overrides: Record<string, string | undefined>) {
  process.env = { ...original, ...overrides };
  vi.resetModules();
  return (await import("@/server/env")).env;
}

const planFor = async (overrides: Record<string, string | undefined>) => {
  const env = await loadEnv(overrides);
  return demoPlan({ databaseUrl: env.DATABASE_URL, seedDemo: env.SEED_DEMO, host: env.HOST });
};

describe("what the demo seed may create", () => {
  it("seeds nothing by default on PostgreSQL", async () => {
    expect(
      await planFor({ DATABASE_URL: "postgres://db.internal/app", SEED_DEMO: undefined, HOST: undefined }),
    ).toEqual({ tenant: false, superAdmin: false });
  });

  it("seeds the whole demo, platform operator included, for the embedded database on localhost", async () => {
    for (const host of ["127.0.0.1", "localhost", "::1"]) {
      expect(await planFor({ DATABASE_URL: undefined, SEED_DEMO: undefined, HOST: host }), host).toEqual({
        tenant: true,
        superAdmin: true,
      });
    }
  });

  it("seeds nothing by default when the embedded database listens beyond localhost", async () => {
    for (const host of ["0.0.0.0", "::", "192.168.1.20", undefined]) {
      expect(await planFor({ DATABASE_URL: undefined, SEED_DEMO: undefined, HOST: host }), host).toEqual({
        tenant: false,
        superAdmin: false,
      });
    }
  });

  it("seeds the demo tenant when asked explicitly, but never the published platform operator", async () => {
    expect(
      await planFor({ DATABASE_URL: "postgres://db.internal/app", SEED_DEMO: "true", HOST: "127.0.0.1" }),
    ).toEqual({ tenant: true, superAdmin: false });
    expect(await planFor({ DATABASE_URL: undefined, SEED_DEMO: "true", HOST: "0.0.0.0" })).toEqual({
      tenant: true,
      superAdmin: false,
    });
    expect(await planFor({ DATABASE_URL: undefined, SEED_DEMO: "false", HOST: "127.0.0.1" })).toEqual({
      tenant: false,
      superAdmin: false,
    });
  });
});

describe("first start", () => {
  let handle: DatabaseHandle;
  let db: Db;
  beforeAll(async () => {
    // Its own database: the demo logins and the platform operators are global.
    handle = await openIsolatedTestDatabase();
    db = handle.db;
  }, 60_000);
  afterAll(() => handle.close());

  const superAdmin = (email: string) =>
    withPlatform(db, (trx) =>
      trx
        .selectFrom("users")
        .select(["role", "tenant_id", "password_hash"])
        .where("email", "=", email)
        .executeTakeFirst(),
    );
  const superAdminCount = async () =>
    (
      await withPlatform(db, (trx) =>
        trx
          .selectFrom("users")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("role", "=", "super_admin")
          .executeTakeFirstOrThrow(),
      )
    ).n;

  it("the demo seed itself creates no platform operator", async () => {
    expect(await seedDemo(db)).toBe(true);
    expect(await superAdmin(demoSuperAdmin.email)).toBeUndefined();
    expect(Number(await superAdminCount())).toBe(0);
  }, 60_000);

  it("a PostgreSQL start without SUPER_ADMIN_EMAIL creates no platform operator and says how to", async () => {
    const printed: string[] = [];
    process.env.LOG_LEVEL = "warn";
    const warnings: string[] = [];
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      warnings.push(String(chunk));
      return true;
    });
    await prepareFirstStart(db, { databaseUrl: "postgres://db.internal/app", host: "0.0.0.0" }, (text) =>
      printed.push(text),
    );
    spy.mockRestore();
    expect(Number(await superAdminCount())).toBe(0);
    expect(printed).toEqual([]);
    expect(warnings.join("")).toContain("set SUPER_ADMIN_EMAIL");
  });

  it("SUPER_ADMIN_EMAIL creates the operator once, with a random password printed that once", async () => {
    const config = { databaseUrl: "postgres://db.internal/app", superAdminEmail: "ops@example.com" };
    const printed: string[] = [];
    await prepareFirstStart(db, config, (text) => printed.push(text));
    const output = printed.join("");
    const password = output.match(/password:\s+(\S+)/)?.[1] ?? "";
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect(password).not.toBe(DEMO_PASSWORD);
    const row = await superAdmin("ops@example.com");
    expect(row).toMatchObject({ role: "super_admin", tenant_id: null });
    expect(await verifyPassword(row?.password_hash ?? "", password)).toBe(true);
    expect(await verifyPassword(row?.password_hash ?? "", DEMO_PASSWORD)).toBe(false);

    // The next start finds the account: nothing printed, the password unchanged.
    const again: string[] = [];
    await prepareFirstStart(db, config, (text) => again.push(text));
    expect(again).toEqual([]);
    expect((await superAdmin("ops@example.com"))?.password_hash).toBe(row?.password_hash);
  });

  it("takes the operator's own SUPER_ADMIN_PASSWORD, and never promotes a tenant's user", async () => {
    await prepareFirstStart(
      db,
      { superAdminEmail: "Ops2@Example.com", superAdminPassword: "chosen-by-the-operator" },
      () => {},
    );
    const row = await superAdmin("ops2@example.com");
    expect(await verifyPassword(row?.password_hash ?? "", "chosen-by-the-operator")).toBe(true);

    const { tenant } = await createTestTenant(db);
    const member = await createTestUser(db, tenant, "it_staff");
    await prepareFirstStart(db, { superAdminEmail: member.email }, () => {});
    expect((await superAdmin(member.email))?.role).toBe("it_staff");
  });

  it("the embedded demo on localhost gets its platform operator, with a password made for it and kept 0600", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "first-start-"));
    const printed: string[] = [];
    await prepareFirstStart(db, { host: "127.0.0.1", dataDir }, (text) => printed.push(text));
    const row = await superAdmin(demoSuperAdmin.email);
    expect(row?.role).toBe("super_admin");
    expect(await verifyPassword(row?.password_hash ?? "", DEMO_PASSWORD)).toBe(false);

    const password = printed.join("").match(/password:\s+(\S+)/)?.[1] ?? "";
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect(await verifyPassword(row?.password_hash ?? "", password)).toBe(true);
    const file = path.join(dataDir, SUPER_ADMIN_PASSWORD_FILE);
    expect((await readFile(file, "utf8")).split("\n")).toEqual([demoSuperAdmin.email, password, ""]);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(printed.join("")).toContain(file);

    // Printed once: the next start finds the account and leaves it (and the file) as they are.
    const again: string[] = [];
    await prepareFirstStart(db, { host: "127.0.0.1", dataDir }, (text) => again.push(text));
    expect(again).toEqual([]);
    expect((await superAdmin(demoSuperAdmin.email))?.password_hash).toBe(row?.password_hash);
  });
});
