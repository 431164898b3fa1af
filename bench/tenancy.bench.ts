import { sql } from "kysely";
import { openDatabase, openMemoryDatabase } from "../db";
import { migrateToLatest } from "../db/migrate";
import { hashPassword } from "../server/accounts/password";
import { authenticate } from "../server/accounts/services/authenticate";
import { withPlatform, withTenant } from "../server/db";
import { type Benchmark, type Metric, percentile, sample } from "./harness";

const TENANTS = 200;
const USERS_PER_TENANT = 50;

/**
 * The cost of the tenancy backstop: a tenant transaction (SET LOCAL ROLE + set_config) around a
 * query, and an RLS-filtered list among 200 tenants x 50 users, on PostgreSQL when DATABASE_URL is
 * set, else PGlite. Plus one sign-in (argon2id verify + rate-limit check + audit event).
 */
const benchmark: Benchmark = {
  name: "tenancy",
  description: `tenant transaction overhead and RLS list query (${TENANTS} tenants x ${USERS_PER_TENANT} users)`,
  async run() {
    const url = process.env.DATABASE_URL;
    let dbName: string | undefined;
    let handle: Awaited<ReturnType<typeof openDatabase>>;
    if (url) {
      const { default: pg } = await import("pg");
      dbName = `assetronics_bench_${process.pid}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create database ${dbName}`);
      await admin.end();
      const benchUrl = new URL(url);
      benchUrl.pathname = `/${dbName}`;
      handle = await openDatabase({ databaseUrl: benchUrl.toString(), dataDir: "" });
    } else {
      handle = await openMemoryDatabase();
    }
    const { db } = handle;
    await migrateToLatest(db);

    const passwordHash = await hashPassword("bench-password-1");
    const tenantIds: string[] = [];
    await withPlatform(db, async (trx) => {
      for (let t = 0; t < TENANTS; t++) {
        const tenant = await trx
          .insertInto("tenants")
          .values({ name: `Bench ${t}`, slug: `bench-${t}` })
          .returning("id")
          .executeTakeFirstOrThrow();
        tenantIds.push(tenant.id);
        await trx
          .insertInto("users")
          .values(
            Array.from({ length: USERS_PER_TENANT }, (_, u) => ({
              tenant_id: tenant.id,
              email: `u${u}@t${t}.bench`,
              name: `User ${u}`,
              password_hash: passwordHash,
              role: u === 0 ? "admin" : "employee",
            })),
          )
          .execute();
      }
    });
    await sql`analyze`.execute(db);
    const pick = (i: number) => tenantIds[i % tenantIds.length] ?? "";

    const bare = await sample(500, () => sql`select 1`.execute(db));
    const tenantTx = await sample(500, (i) => withTenant(db, pick(i), (trx) => sql`select 1`.execute(trx)));
    const list = await sample(500, (i) =>
      withTenant(db, pick(i), (trx) =>
        trx.selectFrom("users").select(["id", "name", "email", "role"]).orderBy("name").execute(),
      ),
    );
    const signIns = await sample(
      30,
      (i) =>
        authenticate(db, {
          email: `u0@t${i % TENANTS}.bench`,
          password: "bench-password-1",
          ip: `10.0.0.${i % 250}`,
        }),
      3,
    );

    await handle.close();
    if (dbName && url) {
      const { default: pg } = await import("pg");
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }

    const driver = url ? "postgres" : "pglite";
    const metrics: Metric[] = [
      { metric: `${driver}: bare query p50`, value: percentile(bare, 50), unit: "ms", better: "lower" },
      {
        metric: `${driver}: tenant transaction + query p50`,
        value: percentile(tenantTx, 50),
        unit: "ms",
        better: "lower",
      },
      {
        metric: `${driver}: tenant transaction + query p95`,
        value: percentile(tenantTx, 95),
        unit: "ms",
        target: 5,
        better: "lower",
      },
      {
        metric: `${driver}: RLS user list (50 of 10k rows) p95`,
        value: percentile(list, 95),
        unit: "ms",
        target: 10,
        better: "lower",
      },
      {
        metric: `${driver}: sign-in p50 (argon2id + checks + event)`,
        value: percentile(signIns, 50),
        unit: "ms",
        target: 250,
        better: "lower",
      },
    ];
    return metrics;
  },
};

export default benchmark;
