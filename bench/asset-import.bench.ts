import { InngestTestEngine } from "@inngest/test";
import { systemActor } from "../inngest/events";
import { importAssetsFn } from "../inngest/functions/assets/import-assets";
import { confirmAssetImport } from "../server/assets/import/services/confirm-asset-import";
import { runImportDryRun } from "../server/assets/import/services/run-import-dry-run";
import { uploadAssetImport } from "../server/assets/import/services/upload-asset-import";
import { validateAssetImport } from "../server/assets/import/services/validate-asset-import";
import { defaultStatuses } from "../server/assets/lifecycle";
import { verifyAuditChain } from "../server/audit/services/verify-audit-chain";
import { type UserScope, userActor } from "../server/context";
import { type Db, useDatabase, withPlatform, withTenant } from "../server/db";
import { type EventRow, toInngestEvent } from "../server/events/envelope";
import { normalizeName } from "../server/reference/names/normalize";
import { createTenant } from "../server/tenants/services/create-tenant";
import { openBenchDatabase } from "./bench-database";
import { type Benchmark, type Metric, ratio, scaled } from "./harness";

const ROWS = scaled(50_000, 1_000);
const EMPLOYEES = 500;
/** Rows per statement of the ceiling's raw insert, as the import's batches on PostgreSQL. */
const CEILING_BATCH_ROWS = 1_000;

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

/** Row `i` of the file, a tenth of them assigned: the import and its ceiling write the same rows. */
const rowOf = (i: number) => ({
  tag: `BENCH-${i}`,
  name: `Laptop ${i}`,
  serial: `SN-${i}`,
  assignedTo: i % 10 === 0 ? `emp${i % EMPLOYEES}@import.bench` : null,
  purchaseDate: "2026-01-15",
  cost: "1299.00",
  warrantyEnd: "2029-01-15",
  notes: `row ${i}, imported`,
});

/** The file: `rows` rows with the columns a typical export has. */
function csvOf(rows: number): string {
  const lines = [
    "Asset Tag,Name,Serial Number,Category,Status,Location,Assigned To,Purchase Date,Cost,Warranty End,Notes",
  ];
  for (let i = 0; i < rows; i++) {
    const row = rowOf(i);
    lines.push(
      `${row.tag},${row.name},${row.serial},Laptops,,Warehouse,${row.assignedTo ?? ""},${row.purchaseDate},${row.cost},${row.warrantyEnd},"${row.notes}"`,
    );
  }
  return lines.join("\n");
}

/**
 * The import's ceiling: the same assets rows written into the same table by raw multi-row
 * inserts of 1,000 rows in one owner transaction (no validation, history, events or audit chain),
 * into a tenant of its own seeded like the import's. Returns its seconds; the rows are resolved to
 * ids before the clock starts.
 */
async function rawInsertSeconds(db: Db, label: string): Promise<number> {
  const { tenantId } = await seedTenant(db, label);
  const rows = await withPlatform(db, async (trx) => {
    const idOf = async (table: "categories" | "locations") =>
      (await trx.selectFrom(table).select("id").where("tenant_id", "=", tenantId).executeTakeFirstOrThrow())
        .id;
    const [categoryId, locationId] = [await idOf("categories"), await idOf("locations")];
    const statuses = await trx
      .selectFrom("statuses")
      .select(["id", "kind"])
      .where("tenant_id", "=", tenantId)
      .where("is_default", "=", true)
      .execute();
    const statusOf = (kind: string) => {
      const status = statuses.find((candidate) => candidate.kind === kind);
      if (!status) throw new Error(`the ceiling's tenant has no default ${kind} status`);
      return status.id;
    };
    const employees = await trx
      .selectFrom("employees")
      .select(["id", "work_email"])
      .where("tenant_id", "=", tenantId)
      .execute();
    const employeeId = new Map(employees.map((employee) => [employee.work_email, employee.id]));
    return Array.from({ length: ROWS }, (_, i) => {
      const row = rowOf(i);
      const holder = row.assignedTo ? employeeId.get(row.assignedTo) : null;
      if (holder === undefined) throw new Error(`the ceiling's tenant has no employee ${row.assignedTo}`);
      return {
        tenant_id: tenantId,
        tag: row.tag,
        name: row.name,
        serial: row.serial,
        category_id: categoryId,
        status_id: statusOf(holder ? "assigned" : "in_stock"),
        location_id: locationId,
        employee_id: holder,
        purchase_date: row.purchaseDate,
        cost: row.cost,
        warranty_end: row.warrantyEnd,
        notes: row.notes,
      };
    });
  });
  const started = performance.now();
  await withPlatform(db, async (trx) => {
    for (let from = 0; from < rows.length; from += CEILING_BATCH_ROWS) {
      await trx
        .insertInto("assets")
        .values(rows.slice(from, from + CEILING_BATCH_ROWS))
        .execute();
    }
  });
  return (performance.now() - started) / 1000;
}

/** The generation the import's requested dry run carries (asset_import.mapped). */
async function validationGeneration(db: Db, tenantId: string, importId: string): Promise<number> {
  const row = await withTenant(db, tenantId, (trx) =>
    trx
      .selectFrom("asset_imports")
      .select("validation_generation")
      .where("id", "=", importId)
      .executeTakeFirstOrThrow(),
  );
  return row.validation_generation;
}

const seconds = (started: number) => Math.round((performance.now() - started) / 10) / 100;
const rowsPerSecond = (rows: number, seconds: number) => Math.round(rows / seconds);

/**
 * The CSV import of 50,000 assets (5,000 of them assigned) into a fresh tenant: upload, dry run
 * (every row validated), then the write as the import-assets function runs it (valid_only: plan +
 * resumable steps of batches; all_or_nothing: one transaction) with its assets, history
 * and events. The write is measured against its ceiling, a raw insert of the same rows run just
 * before and just after it (so that the two see the same machine), as rows/s and their ratio.
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
        const ctx = (trx: UserScope["db"]): UserScope => ({
          db: trx,
          tenantId,
          user,
          actor: userActor(user),
          requestId: "bench",
          cause: null,
        });
        const content = csvOf(ROWS);
        let started = performance.now();
        const uploaded = await withTenant(db, tenantId, (trx) =>
          uploadAssetImport(ctx(trx), { fileName: "bench.csv", content }),
        );
        const upload = seconds(started);
        started = performance.now();
        // the request asks for the dry run; check-asset-import runs it (one step)
        const mapped = await withTenant(db, tenantId, (trx) =>
          validateAssetImport(ctx(trx), { importId: uploaded.id, columns: uploaded.columns }),
        );
        const validated = await runImportDryRun(db, {
          tenantId,
          importId: mapped.id,
          generation: await validationGeneration(db, tenantId, mapped.id),
        });
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
        const ceilingBefore = await rawInsertSeconds(db, `${mode}-ceiling-1`);
        started = performance.now();
        const run = await new InngestTestEngine({
          function: importAssetsFn,
          events: [toInngestEvent(event as EventRow)] as never,
        }).execute();
        const write = seconds(started);
        if (run.error) throw run.error;
        const ceilingAfter = await rawInsertSeconds(db, `${mode}-ceiling-2`);
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
        const writeRate = rowsPerSecond(ROWS, write);
        const ceilingRate = rowsPerSecond(2 * ROWS, ceilingBefore + ceilingAfter);
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
          { metric: `${label}: write rows/s`, value: writeRate, unit: "rows/s", better: "higher" },
          {
            metric: `${label}: ceiling rows/s (raw multi-row insert of the same assets)`,
            value: ceilingRate,
            unit: "rows/s",
            better: "higher",
          },
          {
            metric: `${label}: write ratio app/ceiling (rows/s)`,
            value: ratio(writeRate, ceilingRate),
            unit: "x",
            better: "higher",
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
