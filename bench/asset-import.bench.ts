import { InngestTestEngine } from "@inngest/test";
import { systemActor } from "../inngest/events";
import { importAssetsFn } from "../inngest/functions/assets/import-assets";
import { confirmAssetImport } from "../server/assets/import/services/confirm-asset-import";
import { uploadAssetImport } from "../server/assets/import/services/upload-asset-import";
import { validateAssetImport } from "../server/assets/import/services/validate-asset-import";
import { defaultStatuses } from "../server/assets/lifecycle";
import { verifyAuditChain } from "../server/audit/services/verify-audit-chain";
import { type TenantContext, userActor } from "../server/context";
import { type Db, useDatabase, withPlatform, withTenant } from "../server/db";
import { type EventRow, toInngestEvent } from "../server/events/envelope";
import { normalizeName } from "../server/reference/normalize";
import { createTenant } from "../server/tenants/services/create-tenant";
import { openBenchDatabase } from "./bench-database";
import type { Benchmark, Metric } from "./harness";

const ROWS = 50_000;
const EMPLOYEES = 500;

async function seedTenant(db: Db, label: string) {
  return withPlatform(db, async (trx) => {
    const { tenant, admin } = await createTenant(
      trx,
      {
        name: `Import Bench ${label}`,
        admin: { name: "Ada Admin", email: `ada-${label}@import.bench`, password: "bench-password-1" },
        via: "seed",
      },
      systemActor("bench"),
    );
    const statuses = await trx
      .selectFrom("statuses")
      .select("id")
      .where("tenant_id", "=", tenant.id)
      .execute();
    if (statuses.length === 0) {
      await trx
        .insertInto("statuses")
        .values(defaultStatuses.map((status) => ({ tenant_id: tenant.id, ...status, is_default: true })))
        .execute();
    }
    await trx
      .insertInto("categories")
      .values({ tenant_id: tenant.id, name: "Laptops", normalized_name: normalizeName("Laptops") })
      .execute();
    await trx
      .insertInto("locations")
      .values({ tenant_id: tenant.id, name: "Warehouse", kind: "site" })
      .execute();
    await trx
      .insertInto("employees")
      .values(
        Array.from({ length: EMPLOYEES }, (_, i) => ({
          tenant_id: tenant.id,
          first_name: "Emp",
          last_name: `${i}`,
          work_email: `emp${i}@import.bench`,
        })),
      )
      .execute();
    return {
      tenantId: tenant.id,
      user: { ...admin, role: "admin" as const, tenantId: tenant.id, tenantName: tenant.name },
    };
  });
}

/** 50,000 rows, a tenth of them assigned, with the columns a typical export has. */
function csvOf(rows: number): string {
  const lines = [
    "Asset Tag,Name,Serial Number,Category,Status,Location,Assigned To,Purchase Date,Cost,Warranty End,Notes",
  ];
  for (let i = 0; i < rows; i++) {
    const assigned = i % 10 === 0 ? `emp${i % EMPLOYEES}@import.bench` : "";
    lines.push(
      `BENCH-${i},Laptop ${i},SN-${i},Laptops,,Warehouse,${assigned},2026-01-15,1299.00,2029-01-15,"row ${i}, imported"`,
    );
  }
  return lines.join("\n");
}

const seconds = (started: number) => Math.round((performance.now() - started) / 10) / 100;

/**
 * The CSV import of 50,000 assets (5,000 of them assigned) into a fresh tenant: upload, dry run
 * (every row validated), then the write as the import-assets function runs it (valid_only: plan +
 * 5 steps of 10 batches; all_or_nothing: one transaction) with its assets, history and events.
 */
const benchmark: Benchmark = {
  name: "asset-import",
  description: `CSV import of ${ROWS.toLocaleString("en")} assets (upload, dry run, write, audit chain check)`,
  async run() {
    const bench = await openBenchDatabase("import");
    const { db } = bench.handle;
    // biome-ignore lint/correctness/useHookAtTopLevel: not a React hook; server code (the function) uses this database
    useDatabase(bench.handle);
    const metrics: Metric[] = [];
    try {
      for (const mode of ["valid_only", "all_or_nothing"] as const) {
        const { tenantId, user } = await seedTenant(db, mode);
        const ctx = (trx: TenantContext["db"]): TenantContext => ({
          db: trx,
          tenantId,
          user,
          actor: userActor(user),
          requestId: "bench",
        });
        const content = csvOf(ROWS);
        let started = performance.now();
        const uploaded = await withTenant(db, tenantId, (trx) =>
          uploadAssetImport(ctx(trx), { fileName: "bench.csv", content }),
        );
        const upload = seconds(started);
        started = performance.now();
        const validated = await withTenant(db, tenantId, (trx) =>
          validateAssetImport(ctx(trx), { importId: uploaded.id, columns: uploaded.columns }),
        );
        const dryRun = seconds(started);
        if (validated.validRows !== ROWS) throw new Error(`only ${validated.validRows} valid rows`);
        await withTenant(db, tenantId, (trx) =>
          confirmAssetImport(ctx(trx), { importId: uploaded.id, mode }),
        );
        const event = await withTenant(db, tenantId, (trx) =>
          trx
            .selectFrom("events")
            .selectAll()
            .where("name", "=", "asset_import.confirmed")
            .where("entity_id", "=", uploaded.id)
            .executeTakeFirstOrThrow(),
        );
        started = performance.now();
        const run = await new InngestTestEngine({
          function: importAssetsFn,
          events: [toInngestEvent(event as EventRow)] as never,
        }).execute();
        const write = seconds(started);
        if (run.error) throw run.error;
        const imported = await withTenant(db, tenantId, (trx) =>
          trx
            .selectFrom("assets")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow(),
        );
        if (Number(imported.n) !== ROWS) throw new Error(`imported ${imported.n} of ${ROWS}`);
        started = performance.now();
        const chain = await withTenant(db, tenantId, (trx) => verifyAuditChain(trx, tenantId));
        if (!chain.ok) throw new Error("audit chain broken after the import");
        const verify = seconds(started);
        const label = `${bench.driver}, ${mode}`;
        metrics.push(
          { metric: `${label}: upload (parse + store)`, value: upload, unit: "s", better: "lower" },
          { metric: `${label}: dry run (validate every row)`, value: dryRun, unit: "s", better: "lower" },
          {
            metric: `${label}: write (assets, history, events)`,
            value: write,
            unit: "s",
            better: "lower",
            ...(bench.driver === "postgres" ? { target: 30 } : {}),
          },
          {
            metric: `${label}: verify audit chain (${chain.checked} events)`,
            value: verify,
            unit: "s",
            better: "lower",
          },
        );
      }
    } finally {
      await bench.close();
    }
    return metrics;
  },
};

export default benchmark;
