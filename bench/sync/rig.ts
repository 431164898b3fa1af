import { sql } from "kysely";
import { systemActor } from "../../inngest/events";
import { type InTenant, systemScope, type TenantScope } from "../../server/context";
import { type Db, withPlatform, withTenant } from "../../server/db";
import type { HrisProvider } from "../../server/integrations/hris/adapter";
import { adapterFor } from "../../server/integrations/hris/registry";
import type { IntegrationRuntime } from "../../server/integrations/runtime";
import { createIntegration } from "../../server/integrations/services/create-integration";
import { requestSync } from "../../server/integrations/services/request-sync";
import { finishSyncRun, startSyncRun, syncPage } from "../../server/integrations/services/sync-run";
import { normalizeName } from "../../server/reference/names/normalize";
import { createTenant } from "../../server/tenants/services/create-tenant";
import type { FakePerson } from "../../tests/fakes/hris/core";

/**
 * The pieces of the sync benchmark: a tenant, an integration pointed at a local fake, a sync run
 * driven exactly as the sync-integration function drives it (start, a step per page, finish) but
 * without the Inngest engine in between, and the ceiling: the same rows written by raw batched
 * upserts of the provider's page size.
 */

/** Plain fetch: the fakes listen on 127.0.0.1 (the app's guard allows it with the private-hosts flag). */
export const benchRuntime: IntegrationRuntime = {
  adapterFor,
  fetch: globalThis.fetch,
  allowPrivateHosts: true,
};

export async function seedTenant(db: Db, label: string): Promise<string> {
  return withPlatform(db, async (trx) => {
    const { tenant } = await createTenant(
      trx,
      {
        name: `Sync Bench ${label}`,
        admin: { name: "Ada Admin", email: `ada-${label}@sync.bench`, password: "bench-password-1" },
        via: "seed",
      },
      systemActor("bench"),
    );
    // What provisioning gives a new organization: the provider's "IT Dept" must match it.
    await trx
      .insertInto("departments")
      .values({
        tenant_id: tenant.id,
        name: "IT Department",
        normalized_name: normalizeName("IT Department"),
      })
      .execute();
    return tenant.id;
  });
}

export const inTenantOf =
  (db: Db, tenantId: string): InTenant =>
  (work) =>
    withTenant(db, tenantId, (trx) =>
      work(
        systemScope(trx, tenantId, {
          label: "Automation: Sync integration",
          cause: null,
          requestId: "bench",
        }),
      ),
    );

export async function addIntegration(
  db: Db,
  tenantId: string,
  provider: HrisProvider,
  credentials: Record<string, string>,
  options: Record<string, string>,
): Promise<string> {
  const { id } = await inTenantOf(
    db,
    tenantId,
  )((scope: TenantScope) =>
    createIntegration(scope, benchRuntime, {
      provider,
      name: `${provider} bench`,
      credentials,
      options,
      schedule: "manual",
      fieldPolicy: "provider_wins",
    }),
  );
  return id;
}

/** One run, as the function runs it; resolves with its status and pages. */
export async function runSync(db: Db, tenantId: string, integrationId: string, full: boolean) {
  const inTenant = inTenantOf(db, tenantId);
  const queued = await inTenant((scope) =>
    requestSync(scope, benchRuntime, { integrationId, trigger: "manual", full }),
  );
  if (!queued) throw new Error("the sync was not queued");
  const started = await inTenant((scope) => startSyncRun(scope, queued.runId));
  if (started.done) throw new Error("the run was already done");
  let pages = 0;
  for (;;) {
    const outcome = await syncPage(inTenant, benchRuntime, queued.runId);
    pages = outcome.pages;
    if (outcome.done) break;
  }
  const { status } = await inTenant((scope) => finishSyncRun(scope, benchRuntime, queued.runId));
  return { runId: queued.runId, status, pages };
}

/** What a sync must not touch when nothing changed: employee rows and non-integration events. */
export async function footprint(db: Db, tenantId: string) {
  return withPlatform(db, async (trx) => {
    const employees = await trx
      .selectFrom("employees")
      .select((eb) => [eb.fn.countAll<string>().as("n"), eb.fn.max("updated_at").as("last")])
      .where("tenant_id", "=", tenantId)
      .executeTakeFirstOrThrow();
    const events = await trx
      .selectFrom("events")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("tenant_id", "=", tenantId)
      .where("name", "not like", "integration.%")
      .executeTakeFirstOrThrow();
    return {
      employees: Number(employees.n),
      lastUpdate: employees.last ? new Date(employees.last as Date).getTime() : 0,
      events: Number(events.n),
    };
  });
}

/**
 * The ceiling: the same people as employee rows of an integration, department and location
 * already resolved to ids, written by `insert ... on conflict do update` statements of `batch`
 * rows, one transaction per batch (the sync commits a page per transaction). No matching,
 * encryption, events or audit. Returns seconds.
 */
export async function rawUpsertSeconds(
  db: Db,
  tenantId: string,
  integrationId: string,
  people: FakePerson[],
  batch: number,
): Promise<number> {
  const names = await withPlatform(db, async (trx) => {
    const ids = new Map<string, string>();
    for (const name of new Set(people.map((p) => p.department ?? "Unassigned"))) {
      const row = await trx
        .insertInto("departments")
        .values({
          tenant_id: tenantId,
          name: `${name} (ceiling)`,
          normalized_name: normalizeName(`${name} ceiling`),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      ids.set(name, row.id);
    }
    const location = await trx
      .insertInto("locations")
      .values({ tenant_id: tenantId, name: "Ceiling site", kind: "site" })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { departments: ids, location: location.id };
  });
  const rows = people.map((p) => ({
    tenant_id: tenantId,
    source: "integration",
    source_integration_id: integrationId,
    external_id: p.id,
    manager_external_id: p.managerId,
    first_name: p.firstName ?? "",
    last_name: p.lastName ?? "",
    work_email: p.workEmail,
    employee_number: p.employeeNumber,
    title: p.title,
    department_id: names.departments.get(p.department ?? "Unassigned") ?? null,
    location_id: names.location,
    hire_date: p.hireDate,
    status: "active",
    owned_fields: [
      "firstName",
      "lastName",
      "workEmail",
      "employeeNumber",
      "title",
      "departmentId",
      "locationId",
      "hireDate",
    ],
  }));
  const started = performance.now();
  for (let from = 0; from < rows.length; from += batch) {
    await withPlatform(db, (trx) =>
      trx
        .insertInto("employees")
        .values(rows.slice(from, from + batch))
        .onConflict((oc) =>
          oc
            .columns(["tenant_id", "source_integration_id", "external_id"])
            .where("source_integration_id", "is not", null)
            .doUpdateSet((eb) => ({
              first_name: eb.ref("excluded.first_name"),
              last_name: eb.ref("excluded.last_name"),
              work_email: eb.ref("excluded.work_email"),
              employee_number: eb.ref("excluded.employee_number"),
              title: eb.ref("excluded.title"),
              department_id: eb.ref("excluded.department_id"),
              location_id: eb.ref("excluded.location_id"),
              hire_date: eb.ref("excluded.hire_date"),
              manager_external_id: eb.ref("excluded.manager_external_id"),
              updated_at: sql`now()`,
            })),
        )
        .execute(),
    );
  }
  return (performance.now() - started) / 1000;
}
