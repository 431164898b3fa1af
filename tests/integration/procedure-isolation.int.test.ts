import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { DatabaseHandle } from "@/db";
import { getImport, importProblemsPage } from "@/server/assets/import/queries";
import { exportImportProblems } from "@/server/assets/import/services/export-import-problems";
import { runImportDryRun } from "@/server/assets/import/services/run-import-dry-run";
import { exportAssetsCsv } from "@/server/assets/services/export-assets-csv";
import { printAssetLabels } from "@/server/assets/services/print-asset-labels";
import { exportAuditCsv } from "@/server/audit/services/export-audit-csv";
import { type Db, withTenant } from "@/server/db";
import { AppError } from "@/server/errors";
import { appRouter } from "@/server/router";
import type { Access } from "@/server/trpc";
import {
  type CallingTenant,
  callerFor,
  MARKER,
  type OtherTenant,
  seedCallingTenant,
  seedOtherTenant,
} from "../factories/isolation";
import { useTestDatabase } from "../support/database";
import { type TenantTable, tenantRows, tenantTables } from "../support/tenant-rows";

/**
 * Tenant isolation of every tRPC procedure: staff of tenant A, calling any procedure with tenant
 * B's ids (or names), can neither read nor change anything of B. Procedures are read from the
 * router, and each must have a probe below, so a procedure added later fails this test until
 * someone says how to aim it at B. Each probe is called as A's user with an allowed role (so it
 * is refused by isolation, not by the role check), then:
 *  - B's rows (every table with a tenant_id, plus its tenants row) are byte-identical;
 *  - no row of A refers to a B id;
 *  - an answer or error message holds none of B's ids or marked strings (names, emails, serials,
 *    notes...), except what the probe itself supplied;
 *  - a mutation aimed at B is refused, unless its probe says what its answer must show instead.
 */
type AnyProcedure = { _def: { meta?: { access?: Access }; type: "query" | "mutation" | "subscription" } };
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, AnyProcedure>);

type Probe = {
  input: (b: OtherTenant, a: CallingTenant) => unknown;
  /** For a call that must answer rather than be refused: what the answer must show. */
  check?: (answer: unknown, b: OtherTenant, a: CallingTenant) => void | Promise<void>;
  /** Text A supplied before the call (its own CSV), which the answer may quote back. */
  typed?: (a: CallingTenant) => string;
};
const to = (input: Probe["input"]): Probe => ({ input });
const answering = (input: Probe["input"], check: NonNullable<Probe["check"]>): Probe => ({ input, check });
/** Refusing would tell A that B has such a record; the call must go through in A's own data. */
const succeeds = (input: Probe["input"]): Probe => answering(input, (answer) => expect(answer).toBeTruthy());
const noInput = to(() => undefined);
const field = (answer: unknown, key: string) => (answer as Record<string, unknown>)[key];

/** platform.* is the super-admin console: cross-tenant by design, closed to every tenant role. */
const platformExceptions = (path: string) => path.startsWith("platform.");

const bulkRefusesAll = (answer: unknown) => {
  expect(field(answer, "succeeded")).toEqual([]);
  expect(field(answer, "failed")).toHaveLength(1);
};
const scanFindsNothing = (answer: unknown) => {
  expect(field(answer, "outcome")).toBe("unknown");
  expect(field(answer, "asset")).toBeNull();
};
const assetUrl = (id: string) => `https://assets.example.test/assets/${id}`;
const archivedName = (kind: keyof OtherTenant["archived"]) => (b: OtherTenant) => ({
  name: b.archived[kind].name,
});

const probes: Record<string, Probe[]> = {
  "accounts.me": [noInput],
  "accounts.users": [noInput],
  "accounts.invitations": [noInput],
  "accounts.invite": [
    succeeds((b) => ({ email: b.admin.email, role: "auditor" })),
    succeeds((b) => ({ email: b.invitation.email, role: "auditor" })),
  ],
  "accounts.revokeInvitation": [to((b) => ({ invitationId: b.invitation.id }))],
  "accounts.changeRole": [
    to((b) => ({ userId: b.staffId, role: "admin" })),
    to((b) => ({ userId: b.admin.id, role: "auditor" })),
  ],
  "accounts.deactivate": [to((b) => ({ userId: b.staffId })), to((b) => ({ userId: b.admin.id }))],
  "accounts.reactivate": [to((b) => ({ userId: b.formerUserId }))],
  "accounts.createPasswordResetLink": [
    to((b) => ({ userId: b.staffId })),
    to((b) => ({ userId: b.admin.id })),
  ],

  "assets.import.list": [noInput],
  "assets.import.get": [to((b) => ({ importId: b.import.id }))],
  "assets.import.problems": [
    to((b) => ({ importId: b.import.id })),
    { input: (_b, a) => ({ importId: a.import.id }), typed: (a) => a.import.csv },
  ],
  "assets.import.upload": [
    // a header spelled like B's custom field must not map to it
    answering(
      (b) => ({ fileName: "alpha.csv", content: `Name,Category,${b.field.label}\nAlpha,Alpha Laptops,x\n` }),
      (answer) => expect(field(answer, "columns")).toEqual(["name", "category", null]),
    ),
  ],
  "assets.import.validate": [
    to((b) => ({ importId: b.import.id, columns: b.import.columns })),
    {
      input: (_b, a) => ({ importId: a.import.id, columns: a.import.columns }),
      typed: (a) => a.import.csv,
      check: async (answer, _b, a) => {
        // the dry run (check-asset-import's service) in A's tenant: each row naming one of B's
        // records is a problem; B's serial is free in A; no problem or report names B's data
        expect(field(answer, "status")).toBe("validating");
        const checked = await dryRunOf(a);
        expect(checked.view.validRows).toBe(a.import.validRows);
        expect(checked.view.problemCount).toBe(a.import.rowsNamingB);
        expect(leaked(checked.text, a.import.csv)).toEqual([]);
      },
    },
  ],
  "assets.import.confirm": [to((b) => ({ importId: b.import.id, mode: "valid_only" }))],
  "assets.import.cancel": [to((b) => ({ importId: b.import.id }))],

  "assets.audits.list": [noInput],
  "assets.audits.get": [to((b) => ({ auditId: b.auditId }))],
  "assets.audits.start": [to((b) => ({ locationId: b.room.id })), to((b) => ({ locationId: b.site.id }))],
  "assets.audits.scan": [
    to((b) => ({ auditId: b.auditId, code: b.assets.assigned.tag })),
    answering((b, a) => ({ auditId: a.auditId, code: b.assets.assigned.serial }), scanFindsNothing),
    answering((b, a) => ({ auditId: a.auditId, code: assetUrl(b.assets.assigned.id) }), scanFindsNothing),
    answering(
      (b, a) => ({ auditId: a.auditId, code: assetUrl(b.assets.stray.id), moveUnexpected: true }),
      scanFindsNothing,
    ),
  ],
  "assets.audits.moveHere": [
    to((b) => ({ auditId: b.auditId, assetId: b.assets.stray.id })),
    to((b, a) => ({ auditId: a.auditId, assetId: b.assets.stray.id })),
  ],
  "assets.audits.close": [to((b) => ({ auditId: b.auditId }))],

  "assets.list": [
    to((b) => ({ q: b.assets.assigned.name })),
    to((b) => ({ q: b.assets.stock.serial })),
    to(() => ({ q: MARKER })),
    to((b) => ({ employeeId: b.holder.id })),
    to((b) => ({ locationId: b.room.id })),
    to((b) => ({ categoryIds: [b.category.id], statusIds: [b.status.id] })),
  ],
  "assets.get": [to((b) => ({ assetId: b.assets.assigned.id }))],
  "assets.history": [to((b) => ({ assetId: b.assets.assigned.id }))],
  "assets.create": [
    to((b) => ({ name: "Alpha new", categoryId: b.category.id })),
    to((b, a) => ({ name: "Alpha new", categoryId: a.category.id, modelId: b.model.id })),
    to((b, a) => ({ name: "Alpha new", categoryId: a.category.id, locationId: b.room.id })),
    to((b, a) => ({ name: "Alpha new", categoryId: a.category.id, statusId: b.status.id })),
    succeeds((b, a) => ({ name: "Alpha new", categoryId: a.category.id, serial: b.assets.stock.serial })),
    // custom fields are named by key: B's field key is unknown in A's category
    to((b, a) => ({ name: "Alpha new", categoryId: a.category.id, customFields: { [b.field.key]: "x" } })),
  ],
  "assets.update": [
    to((b) => ({ assetId: b.assets.stock.id, name: "Hijacked" })),
    to((b, a) => ({ assetId: a.assets.stock.id, categoryId: b.category.id })),
    to((b, a) => ({ assetId: a.assets.stock.id, modelId: b.model.id })),
    to((b, a) => ({ assetId: a.assets.stock.id, locationId: b.room.id })),
    to((b, a) => ({ assetId: a.assets.stock.id, customFields: { [b.field.key]: "x" } })),
  ],
  "assets.assign": [
    to((b, a) => ({ assetId: b.assets.stock.id, employeeId: a.employee.id })),
    to((b, a) => ({ assetId: a.assets.stock.id, employeeId: b.holder.id })),
  ],
  "assets.return": [
    to((b) => ({ assetId: b.assets.assigned.id, condition: "good" })),
    to((b, a) => ({ assetId: a.assets.assigned.id, condition: "good", locationId: b.room.id })),
  ],
  "assets.transfer": [
    to((b, a) => ({ assetId: b.assets.assigned.id, toEmployeeId: a.employee.id })),
    to((b, a) => ({ assetId: a.assets.assigned.id, toEmployeeId: b.holder.id })),
  ],
  "assets.changeStatus": [
    to((b) => ({ assetId: b.assets.stock.id, kind: "in_repair" })),
    to((b, a) => ({ assetId: a.assets.stock.id, statusId: b.status.id })),
  ],
  "assets.recordMaintenance": [
    to((b) => ({ assetId: b.assets.stock.id, performedOn: "2025-02-01", notes: "Hijacked" })),
  ],
  "assets.bulk": [
    answering(
      (b, a) => ({ action: "move", assetIds: [b.assets.stock.id], locationId: a.room.id }),
      bulkRefusesAll,
    ),
    to((b, a) => ({ action: "move", assetIds: [a.assets.stock.id], locationId: b.room.id })),
    answering(
      (b) => ({ action: "change_status", assetIds: [b.assets.stock.id], kind: "in_repair" }),
      bulkRefusesAll,
    ),
    to((b, a) => ({ action: "change_status", assetIds: [a.assets.stock.id], statusId: b.status.id })),
    answering(
      (b) => ({ action: "return", assetIds: [b.assets.assigned.id], condition: "good" }),
      bulkRefusesAll,
    ),
    answering((b) => ({ action: "retire", assetIds: [b.assets.stray.id] }), bulkRefusesAll),
  ],

  "audit.list": [
    to(() => ({})),
    to((b) => ({ entityType: "asset", entityId: b.assets.assigned.id })),
    to((b) => ({ actorId: b.admin.id })),
  ],
  "audit.facets": [noInput],
  "audit.timeline": [
    to((b) => ({ entityType: "asset", entityId: b.assets.assigned.id })),
    to((b) => ({ entityType: "employee", entityId: b.holder.id })),
  ],
  "audit.verify": [noInput],

  "automation.overview": [noInput],
  "automation.runs": [to(() => ({})), to((b) => ({ functionId: b.run.function_id, status: "failed" }))],
  "automation.run": [to((b) => ({ runId: b.run.id }))],
  "automation.retry": [to((b) => ({ runId: b.run.id }))],

  "dashboard.summary": [noInput],
  "dashboard.assets": [noInput],
  "dashboard.activity": [noInput],

  "employees.list": [
    to((b) => ({ q: b.holder.name })),
    to((b) => ({ q: b.holder.email })),
    to(() => ({ q: MARKER })),
  ],
  "employees.get": [to((b) => ({ employeeId: b.holder.id }))],
  "employees.options": [to((b) => ({ q: b.holder.name })), to(() => ({ q: MARKER }))],
  "employees.create": [
    to((b) => ({ firstName: "Alpha", lastName: "New", departmentId: b.department.id })),
    to((b) => ({ firstName: "Alpha", lastName: "New", locationId: b.room.id })),
    succeeds((b) => ({ firstName: "Alpha", lastName: "Spare", workEmail: b.spare.email })),
  ],

  "reference.match": [
    to((b) => ({ entityType: "organization", name: b.organization.name })),
    to((b) => ({ entityType: "organization", name: b.organizationAlias.alias })),
    to((b) => ({ entityType: "department", name: b.departmentAlias.alias })),
  ],
  "reference.organizations": [to(() => ({ includeArchived: true }))],
  "reference.organization.create": [succeeds(archivedName("organization"))],
  "reference.organization.update": [to((b) => ({ id: b.organization.id, name: "Hijacked" }))],
  "reference.organization.merge": [
    to((b, a) => ({ survivorId: a.organization.id, duplicateId: b.organization.id })),
    to((b, a) => ({ survivorId: b.organization.id, duplicateId: a.organization.id })),
  ],
  "reference.organization.addAlias": [
    to((b) => ({ entityId: b.organization.id, alias: "Hijacked" })),
    succeeds((b, a) => ({ entityId: a.organization.id, alias: b.organizationAlias.alias })),
  ],
  "reference.organization.removeAlias": [to((b) => ({ aliasId: b.organizationAlias.id }))],
  "reference.organization.archive": [to((b) => ({ id: b.organization.id }))],
  "reference.organization.unarchive": [to((b) => ({ id: b.archived.organization.id }))],

  "reference.departments": [to(() => ({ includeArchived: true }))],
  "reference.department.create": [
    to((b) => ({ name: "Alpha New Dept", organizationId: b.organization.id })),
    succeeds(archivedName("department")),
  ],
  "reference.department.update": [
    to((b) => ({ id: b.department.id, name: "Hijacked" })),
    to((b, a) => ({ id: a.department.id, organizationId: b.organization.id })),
  ],
  "reference.department.merge": [
    to((b, a) => ({ survivorId: a.department.id, duplicateId: b.department.id })),
    to((b, a) => ({ survivorId: b.department.id, duplicateId: a.department.id })),
  ],
  "reference.department.addAlias": [
    to((b) => ({ entityId: b.department.id, alias: "Hijacked" })),
    succeeds((b, a) => ({ entityId: a.department.id, alias: b.departmentAlias.alias })),
  ],
  "reference.department.removeAlias": [to((b) => ({ aliasId: b.departmentAlias.id }))],
  "reference.department.archive": [to((b) => ({ id: b.department.id }))],
  "reference.department.unarchive": [to((b) => ({ id: b.archived.department.id }))],

  "reference.categories": [to(() => ({ includeArchived: true }))],
  "reference.categoryFields": [to((b) => ({ categoryId: b.category.id }))],
  "reference.category.create": [succeeds(archivedName("category"))],
  "reference.category.update": [to((b) => ({ id: b.category.id, name: "Hijacked" }))],
  "reference.category.addField": [
    to((b) => ({ categoryId: b.category.id, label: "Hijacked", type: "text" })),
  ],
  "reference.category.updateField": [to((b) => ({ id: b.field.id, label: "Hijacked" }))],
  "reference.category.reorderFields": [
    to((b) => ({ categoryId: b.category.id, fieldIds: [b.field.id] })),
    to((b, a) => ({ categoryId: a.category.id, fieldIds: [b.field.id, a.field.id] })),
  ],
  "reference.category.archiveField": [to((b) => ({ id: b.field.id }))],
  "reference.category.unarchiveField": [to((b) => ({ id: b.archived.field.id }))],
  "reference.category.archive": [to((b) => ({ id: b.category.id }))],
  "reference.category.unarchive": [to((b) => ({ id: b.archived.category.id }))],

  "reference.manufacturers": [to(() => ({ includeArchived: true }))],
  "reference.manufacturer.create": [succeeds(archivedName("manufacturer"))],
  "reference.manufacturer.update": [to((b) => ({ id: b.manufacturer.id, name: "Hijacked" }))],
  "reference.manufacturer.archive": [to((b) => ({ id: b.manufacturer.id }))],
  "reference.manufacturer.unarchive": [to((b) => ({ id: b.archived.manufacturer.id }))],

  "reference.models": [
    to(() => ({ includeArchived: true })),
    to((b) => ({ includeArchived: true, manufacturerId: b.manufacturer.id })),
  ],
  "reference.model.create": [
    to((b) => ({ manufacturerId: b.manufacturer.id, name: "Alpha New Model" })),
    to((b, a) => ({ manufacturerId: a.manufacturer.id, name: "Alpha New Model", categoryId: b.category.id })),
    succeeds((b, a) => ({ manufacturerId: a.manufacturer.id, name: b.archived.model.name })),
  ],
  "reference.model.update": [
    to((b) => ({ id: b.model.id, name: "Hijacked" })),
    to((b, a) => ({ id: a.model.id, categoryId: b.category.id })),
  ],
  "reference.model.archive": [to((b) => ({ id: b.model.id }))],
  "reference.model.unarchive": [to((b) => ({ id: b.archived.model.id }))],

  "reference.statuses": [to(() => ({ includeArchived: true }))],
  "reference.status.create": [succeeds((b) => ({ label: b.archived.status.name, kind: "in_stock" }))],
  "reference.status.update": [to((b) => ({ id: b.status.id, label: "Hijacked" }))],
  "reference.status.setDefault": [to((b) => ({ id: b.status.id }))],
  "reference.status.delete": [to((b) => ({ id: b.status.id })), to((b) => ({ id: b.archived.status.id }))],
  "reference.status.archive": [to((b) => ({ id: b.status.id }))],
  "reference.status.unarchive": [to((b) => ({ id: b.archived.status.id }))],

  "reference.locations": [to(() => ({ includeArchived: true }))],
  "reference.locationTree": [to(() => ({ includeArchived: true }))],
  "reference.location.create": [
    to((b) => ({ name: "Alpha Closet", kind: "room", parentId: b.building.id })),
    succeeds((b) => ({ name: b.archived.location.name, kind: "site" })),
  ],
  "reference.location.update": [to((b) => ({ id: b.room.id, name: "Hijacked" }))],
  "reference.location.move": [
    to((b, a) => ({ id: a.room.id, parentId: b.building.id })),
    to((b, a) => ({ id: b.room.id, parentId: a.building.id })),
    to((b) => ({ id: b.room.id, parentId: null })),
  ],
  "reference.location.delete": [
    to((b, a) => ({ id: b.room.id, reassignTo: a.room.id })),
    to((b, a) => ({ id: a.room.id, reassignTo: b.room.id })),
    to((b) => ({ id: b.archived.location.id })),
  ],
  "reference.location.archive": [to((b) => ({ id: b.site.id }))],
  "reference.location.unarchive": [to((b) => ({ id: b.archived.location.id }))],
};

const callerRoles = ["admin", "it_staff", "auditor", "employee"] as const;
/** The first of A's users whose role the procedure admits. */
function callerRole(access: Access | undefined) {
  if (access === "public" || access === "authenticated") return "admin";
  return callerRoles.find((role) => access?.includes(role));
}

let handle: DatabaseHandle;
let db: Db;
let b: OtherTenant;
let a: CallingTenant;
let tables: TenantTable[];
let before: Record<string, string[]>;
/** Lower-cased: every uuid in B's rows, every string in them that carries the marker, B's emails. */
let secrets: string[];

function collectSecrets(snapshot: Record<string, string[]>, extra: string[]): string[] {
  const found = new Set(extra.map((value) => value.toLowerCase()));
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const marker = MARKER.toLowerCase();
  const walk = (value: unknown): void => {
    if (typeof value === "string") {
      const lower = value.toLowerCase();
      if (uuid.test(value) || lower.includes(marker)) found.add(lower);
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") Object.values(value).forEach(walk);
  };
  for (const rows of Object.values(snapshot)) for (const row of rows) walk(JSON.parse(row));
  return [...found];
}

/** B's secrets in `text` that the caller did not supply itself (`known`). */
/** Runs A's dry run as check-asset-import would; its view, and its problems and report as text. */
async function dryRunOf(a: CallingTenant) {
  const { validation_generation: generation } = await withTenant(db, a.tenantId, (trx) =>
    trx
      .selectFrom("asset_imports")
      .select("validation_generation")
      .where("id", "=", a.import.id)
      .executeTakeFirstOrThrow(),
  );
  await runImportDryRun(db, { tenantId: a.tenantId, importId: a.import.id, generation });
  return withTenant(db, a.tenantId, async (trx) => {
    const view = await getImport(trx, a.tenantId, a.import.id);
    const report = await trx
      .selectFrom("asset_import_reports")
      .select("content")
      .where("import_id", "=", a.import.id)
      .execute();
    const page = await importProblemsPage(trx, a.tenantId, { importId: a.import.id, page: 1, pageSize: 200 });
    return { view, text: JSON.stringify([view, page, report]) };
  });
}

function leaked(text: string, known: string): string[] {
  const haystack = text.toLowerCase();
  const supplied = known.toLowerCase();
  return secrets.filter((secret) => haystack.includes(secret) && !supplied.includes(secret));
}

beforeAll(async () => {
  // A database of its own: another file's relay or engine draining B's deliveries mid-test
  // would change B's rows for reasons that have nothing to do with isolation.
  handle = await useTestDatabase({ isolated: true });
  db = handle.db;
  b = await seedOtherTenant(db);
  a = await seedCallingTenant(db, b);
  tables = await tenantTables(db);
  before = await tenantRows(db, tables, b.tenantId);
  secrets = collectSecrets(before, [b.admin.email]);
}, 120_000);
afterAll(() => handle?.close());

type Outcome = { ok: true; answer: unknown } | { ok: false; error: TRPCError };

async function call(path: string, role: (typeof callerRoles)[number], input: unknown): Promise<Outcome> {
  const caller = callerFor(a.users[role]);
  // biome-ignore lint/suspicious/noExplicitAny: walking the caller proxy by path
  const fn = path.split(".").reduce<any>((node, key) => node[key], caller);
  try {
    return { ok: true, answer: await fn(input) };
  } catch (error) {
    if (error instanceof TRPCError) return { ok: false, error };
    throw error;
  }
}

const tenantProcedures = procedures.filter(([path]) => !platformExceptions(path));
// Queries first: a probe that must succeed (creating A's own record under a name B also uses)
// then cannot show up in a later list.
const cases = [...tenantProcedures]
  .sort(([, x], [, y]) => Number(x._def.type === "mutation") - Number(y._def.type === "mutation"))
  .flatMap(([path, procedure]) =>
    (probes[path] ?? []).map((probe, index) => ({ path, index, probe, procedure })),
  );

describe("procedure isolation", () => {
  it("has a probe for every tenant procedure", () => {
    expect(tenantProcedures.length).toBeGreaterThanOrEqual(90);
    const missing = tenantProcedures.map(([path]) => path).filter((path) => !probes[path]?.length);
    expect(missing, "procedures without a probe in procedure-isolation.int.test.ts").toEqual([]);
  });

  it("has no probe for a procedure that no longer exists", () => {
    const known = new Set(procedures.map(([path]) => path));
    expect(Object.keys(probes).filter((path) => !known.has(path))).toEqual([]);
  });

  it("leaves out only platform procedures, which no tenant role may call", () => {
    for (const [path, procedure] of procedures.filter(([p]) => platformExceptions(p))) {
      expect(procedure._def.meta?.access, path).toEqual(["super_admin"]);
    }
  });

  it("knows B's ids and marked names", () => {
    expect(secrets.length).toBeGreaterThan(100);
    expect(secrets).toContain(b.assets.assigned.id);
    expect(secrets).toContain(b.holder.email);
  });

  it.each(cases.map((c) => [`${c.path} #${c.index + 1}`, c] as const))("%s", async (_name, c) => {
    const role = callerRole(c.procedure._def.meta?.access);
    expect(role, `no tenant role may call ${c.path}`).toBeDefined();
    if (!role) return;
    const input = c.probe.input(b, a);
    const known = JSON.stringify(input ?? null) + (c.probe.typed?.(a) ?? "");
    const outcome = await call(c.path, role, input);

    if (!outcome.ok) {
      const { error } = outcome;
      expect(error.cause instanceof ZodError, `the probe's input is invalid: ${error.message}`).toBe(false);
      expect(
        error.code,
        `an internal error, not a refusal (did only the database stop it?): ${String((error.cause as Error | undefined)?.message)}`,
      ).not.toBe("INTERNAL_SERVER_ERROR");
      expect(c.probe.check, `expected an answer, got ${error.code}: ${error.message}`).toBeUndefined();
      expect(leaked(error.message, known), `the error names B's data: ${error.message}`).toEqual([]);
      return;
    }
    const text = JSON.stringify(outcome.answer ?? null);
    expect(leaked(text, known), `the answer holds B's data: ${text.slice(0, 2000)}`).toEqual([]);
    if (c.probe.check) await c.probe.check(outcome.answer, b, a);
    else if (c.procedure._def.type === "mutation") {
      expect.fail(`a mutation aimed at B went through: ${text.slice(0, 500)}`);
    }
  });

  // Nothing is left out: B has no bookkeeping that changes with time or with A's calls (no relay
  // or engine runs on this database, and nobody of B signs in).
  it("leaves every row of B as it was", async () => {
    const after = await tenantRows(db, tables, b.tenantId);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
  });

  it("gives no row of A a reference to B", async () => {
    const rows = await tenantRows(db, tables, a.tenantId);
    const bIds = secrets.filter((secret) => /^[0-9a-f-]{36}$/.test(secret));
    for (const table of tables) {
      // ids and json only: A may have typed B's strings into its own free text (a scanned code)
      const columns = Object.entries(table.columnTypes)
        .filter(([, type]) => type === "uuid" || type === "jsonb" || type === "json")
        .map(([column]) => column);
      for (const row of rows[table.name] ?? []) {
        const values = JSON.parse(row) as Record<string, unknown>;
        const text = JSON.stringify(columns.map((column) => values[column])).toLowerCase();
        const references = bIds.filter((id) => text.includes(id));
        expect(references, `${table.name} ${String(values.id)}`).toEqual([]);
      }
    }
  });
});

/** Route handlers take ids too (labels, exports, an import's problems): their services see none of B's. */
describe("route handler isolation", () => {
  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => "OK",
      (error: unknown) => (error instanceof AppError ? error.code : String(error)),
    );

  it("prints no label for B's assets", async () => {
    const ids = [b.assets.assigned.id, b.assets.stock.id];
    expect(await codeOf(printAssetLabels(db, a.users.admin, { ids }))).toBe("NOT_FOUND");
  });

  it("finds no problems file for B's import", async () => {
    expect(await codeOf(exportImportProblems(db, a.users.admin, b.import.id))).toBe("NOT_FOUND");
  });

  it("exports no asset of B when filtered by B's location, holder or category", async () => {
    const filters = { locationId: b.room.id, employeeId: b.holder.id, categoryIds: [b.category.id] };
    for (const [key, value] of Object.entries(filters)) {
      const { stream } = await exportAssetsCsv(db, a.users.admin, { [key]: value });
      const csv = await new Response(stream).text();
      expect(csv.trim().split("\r\n"), key).toHaveLength(1);
      expect(leaked(csv, String(value)), key).toEqual([]);
    }
  });

  it("exports no event of B when filtered by B's record or actor", async () => {
    for (const filters of [
      { entityType: "asset", entityId: b.assets.assigned.id },
      { actorId: b.admin.id },
    ]) {
      const { stream } = await exportAuditCsv(db, a.users.admin, filters);
      const csv = await new Response(stream).text();
      expect(leaked(csv, JSON.stringify(filters)), JSON.stringify(filters)).toEqual([]);
    }
  });
});
