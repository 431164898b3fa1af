import { sql } from "kysely";
import { hashPassword } from "../server/accounts/password";
import { authenticate } from "../server/accounts/services/authenticate";
import { type Db, withPlatform, withTenant } from "../server/db";
import { openBenchDatabase } from "./bench-database";
import {
  type AgainstCeiling,
  type Benchmark,
  type Metric,
  percentile,
  ratio,
  sample,
  sampleAgainstCeiling,
  scaled,
} from "./harness";

const TENANTS = scaled(200, 10);
const USERS_PER_TENANT = 50;
const ITERATIONS = scaled(500, 50);
const SIGN_INS = scaled(30, 5);

async function seedTenants(db: Db): Promise<string[]> {
  const passwordHash = await hashPassword("bench-password-1");
  return withPlatform(db, async (trx) => {
    const tenantIds: string[] = [];
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
    return tenantIds;
  });
}

/** The app's user list: no tenant filter of its own, RLS alone restricts it (the planner's worst case). */
const listUnderRls = (db: Db, tenantId: string) =>
  withTenant(db, tenantId, (trx) =>
    trx.selectFrom("users").select(["id", "name", "email", "role"]).orderBy("name").execute(),
  );

/** Its ceiling: the same list as the owner, with the filter RLS adds written out, outside any transaction. */
const listAsOwner = (db: Db, tenantId: string) =>
  db
    .selectFrom("users")
    .select(["id", "name", "email", "role"])
    .where("tenant_id", "=", tenantId)
    .orderBy("name")
    .execute();

/** The app's p50 and p95 (the p95 with its target), its ceiling's, and the ratio of the p95s. */
function againstCeilingMetrics(
  label: string,
  ceilingLabel: string,
  { app, ceiling }: AgainstCeiling,
  target?: number,
): Metric[] {
  const ms = (metric: string, value: number): Metric => ({ metric, value, unit: "ms", better: "lower" });
  return [
    ms(`${label} p50`, percentile(app, 50)),
    { ...ms(`${label} p95`, percentile(app, 95)), ...(target === undefined ? {} : { target }) },
    ms(`${ceilingLabel} p50`, percentile(ceiling, 50)),
    ms(`${ceilingLabel} p95`, percentile(ceiling, 95)),
    {
      metric: `${label} p95 ratio app/ceiling`,
      value: ratio(percentile(app, 95), percentile(ceiling, 95)),
      unit: "x",
      better: "lower",
    },
  ];
}

/**
 * The cost of the tenancy backstop, each sampled alternately with its ceiling: a tenant
 * transaction (SET LOCAL ROLE + set_config) around `select 1` against the bare `select 1`, and an
 * RLS-filtered user list among 200 tenants x 50 users against the same list as the owner (no RLS,
 * no transaction), on PostgreSQL when DATABASE_URL is set, else PGlite. Plus one sign-in (argon2id
 * verify + rate-limit check + audit event).
 */
const benchmark: Benchmark = {
  name: "tenancy",
  description: `tenant transaction overhead and RLS list query (${TENANTS} tenants x ${USERS_PER_TENANT} users)`,
  async run() {
    const database = await openBenchDatabase("tenancy");
    try {
      const { db } = database.handle;
      const tenantIds = await seedTenants(db);
      await sql`analyze`.execute(db);
      const pick = (i: number) => tenantIds[i % tenantIds.length] ?? "";

      const probe = pick(0);
      const [ours, owners] = [await listUnderRls(db, probe), await listAsOwner(db, probe)];
      if (ours.length !== USERS_PER_TENANT || JSON.stringify(ours) !== JSON.stringify(owners))
        throw new Error("The owner's list (the ceiling) differs from the tenant's list under RLS.");

      const tenantTx = await sampleAgainstCeiling(
        ITERATIONS,
        pick,
        (tenantId) => withTenant(db, tenantId, (trx) => sql`select 1`.execute(trx)),
        () => sql`select 1`.execute(db),
      );
      const list = await sampleAgainstCeiling(
        ITERATIONS,
        pick,
        (tenantId) => listUnderRls(db, tenantId),
        (tenantId) => listAsOwner(db, tenantId),
      );
      const signIns = await sample(
        SIGN_INS,
        (i) =>
          authenticate(db, {
            email: `u0@t${i % TENANTS}.bench`,
            password: "bench-password-1",
            ip: `10.0.0.${i % 250}`,
          }),
        3,
      );

      const driver = database.driver;
      const users = (TENANTS * USERS_PER_TENANT).toLocaleString("en");
      return [
        ...againstCeilingMetrics(
          `${driver}: tenant transaction + query`,
          `${driver}: bare query`,
          tenantTx,
          5,
        ),
        ...againstCeilingMetrics(
          `${driver}: RLS user list (${USERS_PER_TENANT} of ${users} rows)`,
          `${driver}: owner's user list, tenant filter, no RLS`,
          list,
          10,
        ),
        {
          metric: `${driver}: sign-in p50 (argon2id + checks + event)`,
          value: percentile(signIns, 50),
          unit: "ms",
          target: 250,
          better: "lower",
        },
      ];
    } finally {
      await database.close();
    }
  },
};

export default benchmark;
