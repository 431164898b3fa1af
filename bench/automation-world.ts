import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { systemScope, type TenantUser, type UserScope, userScopeOf } from "../server/context";
import { type Db, withPlatform, withTenant } from "../server/db";
import { createTenant } from "../server/tenants/services/create-tenant";
import { provisionWorkflowTemplates } from "../server/workflows/services/provision-workflow-templates";

/**
 * The people and equipment of bench/workflows and bench/notifications: tenants set up as sign-up
 * leaves them (default statuses, the default workflow templates), employees inserted in bulk
 * (setup is not measured), and the services then called as a request of the tenant's admin.
 */

/** Nobody signs in during a benchmark: a placeholder where a password hash would be. */
const NO_SIGN_IN = "bench-no-sign-in";

export type BenchTenant = { id: string; admin: TenantUser; categoryId: string };

/** `count` tenants with their admin, a category and the default workflow templates. */
export async function createAutomationTenants(db: Db, label: string, count: number): Promise<BenchTenant[]> {
  const tenants: BenchTenant[] = [];
  for (let t = 0; t < count; t++) {
    const { tenant, admin } = await withPlatform(db, (trx) =>
      createTenant(trx, {
        name: `${label} ${t}`,
        admin: { name: "Bench Admin", email: `admin-${t}@${label}.bench.test`, passwordHash: NO_SIGN_IN },
        via: "seed",
      }),
    );
    const categoryId = await withTenant(db, tenant.id, async (trx) => {
      // As provision-workflow-templates does on tenant.created, before any rule needs a template.
      await provisionWorkflowTemplates(systemScope(trx, tenant.id, { label: "bench setup", cause: null }));
      const category = await trx
        .insertInto("categories")
        .values({ tenant_id: tenant.id, name: "Laptops", normalized_name: "laptops" })
        .returning("id")
        .executeTakeFirstOrThrow();
      return category.id;
    });
    tenants.push({
      id: tenant.id,
      categoryId,
      admin: { ...admin, tenantId: tenant.id, tenantName: tenant.name, role: "admin" },
    });
  }
  return tenants;
}

export type BenchEmployee = {
  tenant: BenchTenant;
  employeeId: string;
  userId: string | null;
  assetIds: string[];
};

/**
 * `count` active employees of one tenant, each with `assets` laptops in `assetKind` (held by
 * them when "assigned") and, with `accounts`, a user account of the employee role linked to them.
 */
export async function insertEmployees(
  db: Db,
  tenant: BenchTenant,
  options: {
    count: number;
    from: number;
    assets: number;
    assetKind: "assigned" | "in_stock";
    accounts: boolean;
  },
): Promise<BenchEmployee[]> {
  const { count, from, assets, assetKind, accounts } = options;
  return withPlatform(db, async (trx) => {
    const employees = await sql<{ id: string; user_id: string | null; employee_number: string }>`
      with g as (select g from generate_series(${from}::int, ${from + count - 1}::int) g),
           u as (insert into users (tenant_id, email, name, password_hash, role)
                 select ${tenant.id}::uuid, 'e' || g || '@' || ${tenant.id} || '.bench.test', 'Employee ' || g,
                        ${NO_SIGN_IN}, 'employee'
                   from g where ${accounts}
                 returning id, email)
      insert into employees (tenant_id, employee_number, first_name, last_name, work_email, hire_date, status,
                             user_id)
      select ${tenant.id}::uuid, 'E' || g, 'Employee', g::text, 'e' || g || '@' || ${tenant.id} || '.bench.test',
             current_date - 400, 'active',
             (select u.id from u where u.email = 'e' || g || '@' || ${tenant.id} || '.bench.test')
        from g
      returning id, user_id, employee_number`.execute(trx);
    const laptops = await sql<{ id: string; employee_number: string }>`
      with s as (select id from statuses where tenant_id = ${tenant.id} and kind = ${assetKind} and is_default)
      insert into assets (tenant_id, tag, name, category_id, status_id, employee_id)
      select ${tenant.id}::uuid, 'LT-' || e.employee_number || '-' || n, 'ThinkPad X1 Carbon',
             ${tenant.categoryId}::uuid, s.id, case when ${assetKind} = 'assigned' then e.id end
        from employees e cross join s cross join generate_series(1, ${assets}::int) n
       where e.tenant_id = ${tenant.id} and e.id = any(${employees.rows.map((row) => row.id)}::uuid[])
      returning id, split_part(tag, '-', 2) as employee_number`.execute(trx);
    const assetsOf = new Map<string, string[]>();
    for (const row of laptops.rows)
      assetsOf.set(row.employee_number, [...(assetsOf.get(row.employee_number) ?? []), row.id]);
    return employees.rows.map((row) => ({
      tenant,
      employeeId: row.id,
      userId: row.user_id,
      assetIds: assetsOf.get(row.employee_number) ?? [],
    }));
  });
}

/**
 * Each tenant's employees cut into the phases' shares, in order; a phase's people take turns
 * across tenants, as requests from several customers would arrive.
 */
export function phases(byTenant: BenchEmployee[][], sizes: number[]): BenchEmployee[][] {
  let offset = 0;
  return sizes.map((size) => {
    const share = size / byTenant.length;
    const phase = Array.from({ length: size }, (_, i) => {
      const employees = byTenant[i % byTenant.length] ?? [];
      return employees[offset + Math.floor(i / byTenant.length)] as BenchEmployee;
    });
    offset += share;
    return phase;
  });
}

/** Runs a service as the tRPC tenant procedure would for the tenant's admin: one RLS transaction. */
export const asAdmin = <T>(db: Db, tenant: BenchTenant, work: (scope: UserScope) => Promise<T>): Promise<T> =>
  withTenant(db, tenant.id, (trx) => work(userScopeOf(trx, tenant.admin, randomUUID())));

/** Wall-clock ms with sub-ms precision, comparable with the database's timestamps on this host. */
export const now = () => performance.timeOrigin + performance.now();
export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * Calls `work` once per item from `callers` concurrent callers (people, or an HR sync, each
 * waiting for its request before the next) and notes when each call's transaction committed.
 */
export async function callAll<I>(
  items: readonly I[],
  callers: number,
  keyOf: (item: I) => string,
  work: (item: I) => Promise<unknown>,
): Promise<{ commits: Map<string, number>; started: number; finished: number }> {
  const commits = new Map<string, number>();
  const started = now();
  let next = 0;
  await Promise.all(
    Array.from({ length: callers }, async () => {
      for (let i = next++; i < items.length; i = next++) {
        const item = items[i] as I;
        await work(item);
        commits.set(keyOf(item), now());
      }
    }),
  );
  return { commits, started, finished: now() };
}

/**
 * Polls every `everyMs` for the keys `query` returns and notes when each was first seen (the
 * poll's answer): "visible to a reader", at most one poll plus its round trip after the commit.
 */
export function watchVisible(db: Db, query: (db: Db) => Promise<string[]>, everyMs = 10) {
  const seen = new Map<string, number>();
  let stopped = false;
  const done = (async () => {
    while (!stopped) {
      const keys = await query(db);
      const at = now();
      for (const key of keys) if (!seen.has(key)) seen.set(key, at);
      await pause(everyMs);
    }
  })();
  return {
    seen,
    /** Resolves once `count` keys were seen; throws after `timeoutMs`. */
    async until(count: number, timeoutMs: number): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (seen.size < count) {
        if (Date.now() > deadline) throw new Error(`Only ${seen.size} of ${count} seen in ${timeoutMs} ms`);
        await pause(everyMs);
      }
    },
    async stop() {
      stopped = true;
      await done;
    },
  };
}

/** Waits until the engine has dispatched every committed event (setup's own, say) before measuring. */
export async function eventsDispatched(db: Db, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await withPlatform(db, (trx) =>
      trx
        .selectFrom("event_deliveries")
        .select((eb) => eb.fn.countAll<number>().as("count"))
        .where("status", "=", "pending")
        .executeTakeFirstOrThrow(),
    );
    if (Number(row.count) === 0) return;
    if (Date.now() > deadline)
      throw new Error(`${row.count} events still undispatched after ${timeoutMs} ms`);
    await pause(50);
  }
}

/** Commit -> seen, in ms, sorted, for every committed key (NaN for one never seen). */
export function latencies(commits: Map<string, number>, seen: Map<string, number>): number[] {
  return [...commits]
    .map(([key, committedAt]) => (seen.get(key) ?? Number.NaN) - committedAt)
    .sort((a, b) => a - b);
}

/** Completed runs of `functionId` until `total`; returns when the last one finished (database clock). */
export async function runsCompleted(db: Db, functionId: string, total: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await withPlatform(db, (trx) =>
      trx
        .selectFrom("automation_runs")
        .select((eb) => [eb.fn.countAll<number>().as("count"), eb.fn.max("finished_at").as("last")])
        .where("function_id", "=", functionId)
        .where("status", "=", "completed")
        .executeTakeFirstOrThrow(),
    );
    if (Number(row.count) >= total) return row.last ? new Date(row.last).getTime() : now();
    if (Date.now() > deadline)
      throw new Error(`Only ${row.count} of ${total} runs completed in ${timeoutMs} ms`);
    await pause(50);
  }
}
