import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { SessionUser } from "@/server/context";
import { type Db, withPlatform } from "@/server/db";
import { type EventRow, toInngestEvent } from "@/server/events/envelope";
import { createCaller } from "@/server/router";
import { seedAgentDevices, seedCallingAgent } from "./agent";
import { seedChatDestination } from "./chat";
import { seedTenantFiles } from "./files";
import { seedIntegration } from "./integrations";
import { seedNotification } from "./notifications";
import { seedSmsSettings } from "./sms";
import { createTestTenant, createTestUser, type TestUser } from "./tenants";
import { seedOffboarding } from "./workflows";

/**
 * Two tenants for isolation tests, built through the real procedures: B ("the other tenant") with
 * one of everything, every name carrying a marker; A ("the caller") with just enough of its own to
 * aim an operation at A's and B's records at once.
 */

export type Caller = ReturnType<typeof createCaller>;
export const callerFor = (user: SessionUser): Caller =>
  createCaller({ user, requestId: "procedure-isolation", ip: "127.0.0.1" });

/** Every name in tenant B carries this word (and a per-run token), so leaks are easy to spot. */
export const MARKER = "Betasecret";

type ArchivedTwins = Record<
  "organization" | "department" | "category" | "field" | "manufacturer" | "model" | "status" | "location",
  { id: string; name: string }
>;

/** Creates one active record per kind and an archived twin of each (what `unarchive` is aimed at). */
async function referenceData(b: Caller, mark: (what: string) => string) {
  const organization = await b.reference.organization.create({ name: mark("Organization") });
  const organizationAlias = await b.reference.organization.addAlias({
    entityId: organization.id,
    alias: mark("Org Alias"),
  });
  const department = await b.reference.department.create({
    name: mark("Department"),
    organizationId: organization.id,
  });
  const departmentAlias = await b.reference.department.addAlias({
    entityId: department.id,
    alias: mark("Dept Alias"),
  });
  const category = await b.reference.category.create({ name: mark("Category"), depreciationMonths: 36 });
  const field = await b.reference.category.addField({
    categoryId: category.id,
    label: mark("Field"),
    type: "text",
  });
  const manufacturer = await b.reference.manufacturer.create({ name: mark("Manufacturer") });
  const model = await b.reference.model.create({
    manufacturerId: manufacturer.id,
    name: mark("Model"),
    categoryId: category.id,
  });
  const status = await b.reference.status.create({ label: mark("Status"), kind: "in_stock" });
  const site = await b.reference.location.create({ name: mark("Site"), kind: "site" });
  const building = await b.reference.location.create({
    name: mark("Building"),
    kind: "building",
    parentId: site.id,
  });
  const room = await b.reference.location.create({ name: mark("Room"), kind: "room", parentId: building.id });

  const old = (what: string) => mark(`Old ${what}`);
  const archived: ArchivedTwins = {
    organization: await b.reference.organization.create({ name: old("Organization") }),
    department: await b.reference.department.create({ name: old("Department") }),
    category: await b.reference.category.create({ name: old("Category") }),
    field: await b.reference.category
      .addField({ categoryId: category.id, label: old("Field"), type: "text" })
      .then((f) => ({ id: f.id, name: f.label })),
    manufacturer: await b.reference.manufacturer.create({ name: old("Manufacturer") }),
    model: await b.reference.model.create({ manufacturerId: manufacturer.id, name: old("Model") }),
    status: await b.reference.status
      .create({ label: old("Status"), kind: "in_repair" })
      .then((s) => ({ id: s.id, name: s.label })),
    location: await b.reference.location.create({ name: old("Site"), kind: "site" }),
  };
  await b.reference.organization.archive({ id: archived.organization.id });
  await b.reference.department.archive({ id: archived.department.id });
  await b.reference.category.archive({ id: archived.category.id });
  await b.reference.category.archiveField({ id: archived.field.id });
  await b.reference.manufacturer.archive({ id: archived.manufacturer.id });
  await b.reference.model.archive({ id: archived.model.id });
  await b.reference.status.archive({ id: archived.status.id });
  await b.reference.location.archive({ id: archived.location.id });

  return {
    organization,
    organizationAlias,
    department,
    departmentAlias,
    category,
    field,
    manufacturer,
    model,
    status: { id: status.id, name: status.label },
    site,
    building,
    room,
    archived,
  };
}

/** A failed run of B's, as the engine would have left it (no engine runs in these tests). */
async function failedRun(db: Db, tenantId: string, failure: string) {
  return withPlatform(db, async (trx) => {
    const event = await trx
      .selectFrom("events")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("name", "=", "asset.assigned")
      .executeTakeFirstOrThrow();
    const error = JSON.stringify({ name: "Error", message: failure });
    const run = await trx
      .insertInto("automation_runs")
      .values({
        tenant_id: tenantId,
        function_id: "assetronics-start-onboarding",
        trigger_event_id: event.id,
        trigger_event_name: event.name,
        trigger_event: JSON.stringify(toInngestEvent(event as EventRow)),
        status: "failed",
        attempt: 3,
        max_attempts: 3,
        error,
        started_at: sql<Date>`now() - interval '1 hour'`,
        finished_at: sql<Date>`now() - interval '59 minutes'`,
      })
      .returning(["id", "function_id", "trigger_event_id"])
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("automation_steps")
      .values({
        tenant_id: tenantId,
        run_id: run.id,
        step_id: "open-workflow",
        name: "open-workflow",
        op: "StepRun",
        error,
      })
      .execute();
    return run;
  });
}

/** An event of B's that Inngest refused, as the relay leaves it: a dead letter with its error. */
async function deadLetter(db: Db, tenantId: string, error: string) {
  return withPlatform(db, async (trx) => {
    const event = await trx
      .selectFrom("events")
      .select("id")
      .where("tenant_id", "=", tenantId)
      .where("name", "=", "asset.assigned")
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("event_deliveries")
      .set({ status: "dead", dead_at: sql<Date>`now()`, attempts: 1, last_error: error })
      .where("event_id", "=", event.id)
      .execute();
    return { eventId: event.id };
  });
}

/** Tenant B: one of everything, each name marked, built by B's own admin through the procedures. */
export async function seedOtherTenant(db: Db) {
  const token = randomUUID().slice(0, 8);
  const mark = (what: string) => `${MARKER} ${what} ${token}`;
  const email = (who: string) => `${MARKER.toLowerCase()}-${who}-${token}@b.test`;
  const { tenant, admin } = await createTestTenant(db, mark("Tenant"));
  const staff = await createTestUser(db, tenant, "it_staff", { name: mark("Staff"), email: email("staff") });
  const former = await createTestUser(db, tenant, "auditor", {
    name: mark("Former"),
    email: email("former"),
  });
  const b = callerFor(admin);
  await b.accounts.deactivate({ userId: former.id });
  const invitation = await b.accounts.invite({ email: email("invitee"), role: "auditor" });

  const ref = await referenceData(b, mark);
  const person = (who: string) => ({
    firstName: MARKER,
    lastName: `${who} ${token}`,
    workEmail: email(who.toLowerCase()),
    employeeNumber: `${MARKER.toUpperCase()}-${who.toUpperCase()}-${token}`,
    departmentId: ref.department.id,
    locationId: ref.room.id,
    hireDate: "2020-01-06",
    personalEmail: email(`${who.toLowerCase()}-home`),
    nationalId: `${MARKER.toUpperCase()}${who.toUpperCase()}${token}`,
  });
  const holder = await b.employees.create(person("Holder"));
  const spare = await b.employees.create(person("Spare"));

  const asset = (what: string, locationId: string) => ({
    name: mark(what),
    categoryId: ref.category.id,
    modelId: ref.model.id,
    locationId,
    serial: `${MARKER.toUpperCase()}-${what.replace(/\W/g, "").toUpperCase()}-${token}`,
    vendor: mark("Vendor"),
    customFields: { [ref.field.key]: mark("Field value") },
  });
  const assignedInput = asset("Laptop", ref.room.id);
  const assigned = await b.assets.create(assignedInput);
  await b.assets.assign({ assetId: assigned.id, employeeId: holder.id, notes: mark("Handover") });
  const stockInput = asset("Spare Laptop", ref.room.id);
  const stock = await b.assets.create(stockInput);
  const strayInput = asset("Stray Monitor", ref.site.id);
  const stray = await b.assets.create(strayInput);
  await b.assets.recordMaintenance({ assetId: stock.id, performedOn: "2025-01-15", notes: mark("Service") });

  const audit = await b.assets.audits.start({ locationId: ref.room.id });
  await b.assets.audits.scan({ auditId: audit.id, code: stock.tag });
  await b.assets.audits.scan({ auditId: audit.id, code: stray.tag });

  const csv = ["Name,Category,Serial number", `${mark("Imported")},${ref.category.name},`].join("\n");
  const uploaded = await b.assets.import.upload({ fileName: `${mark("Import")}.csv`, content: csv });
  const validated = await b.assets.import.validate({ importId: uploaded.id, columns: uploaded.columns });
  const people = ["Name,Work email", `${mark("Imported")} Person,${email("imported")}`].join("\n");
  const peopleUpload = await b.employees.import.upload({
    fileName: `${mark("People")}.csv`,
    content: people,
  });
  const peopleMapped = await b.employees.import.validate({
    importId: peopleUpload.id,
    columns: peopleUpload.columns,
  });

  const workflow = await seedOffboarding(db, b, tenant.id, holder.id);
  const license = await b.licenses.create({
    name: mark("Licence"),
    vendor: mark("Licence vendor"),
    seats: 3,
    notes: mark("Licence notes"),
  });
  await b.licenses.assign({ licenseId: license.id, employeeId: holder.id });
  await b.licenses.assign({ licenseId: license.id, employeeId: spare.id });
  await b.licenses.revoke({ licenseId: license.id, employeeId: spare.id, reason: mark("Revoked") });
  const files = await seedTenantFiles(db, staff, {
    assetId: assigned.id,
    employeeId: holder.id,
    label: mark("File"),
  });
  const run = await failedRun(db, tenant.id, mark("Run failure"));
  const dead = await deadLetter(db, tenant.id, mark("Inngest API Error: 413 Event payload too large"));
  const notification = await seedNotification(db, tenant.id, admin.id, email("forgetful"));
  const integration = await seedIntegration(db, b, tenant.id, mark("HR"));
  const chat = await seedChatDestination(b, mark("Chat"));
  const sms = await seedSmsSettings(b);
  const agent = await seedAgentDevices(db, b, tenant.id, assignedInput, mark("pc").replace(/\s+/g, "-"));
  return {
    tenantId: tenant.id,
    admin: { id: admin.id, email: admin.email },
    staffId: staff.id,
    formerUserId: former.id,
    invitation: { id: invitation.id, email: invitation.email },
    ...ref,
    holder: {
      id: holder.id,
      name: holder.name,
      email: email("holder"),
      personalEmail: email("holder-home"),
      nationalId: person("Holder").nationalId,
    },
    spare: { id: spare.id, name: spare.name, email: email("spare") },
    assets: {
      assigned: { ...assigned, serial: assignedInput.serial, name: assignedInput.name },
      stock: { ...stock, serial: stockInput.serial, name: stockInput.name },
      stray: { ...stray, serial: strayInput.serial, name: strayInput.name },
    },
    auditId: audit.id,
    license: { id: license.id, name: license.name },
    import: { id: validated.id, columns: validated.columns },
    employeeImport: { id: peopleMapped.id, columns: peopleMapped.columns },
    files,
    workflow,
    run,
    deadLetter: dead,
    notification,
    integration,
    chat,
    sms,
    agent,
  };
}
export type OtherTenant = Awaited<ReturnType<typeof seedOtherTenant>>;

/** Tenant B's admin as a signed-in session sees them, for calling procedures and routes as B. */
export async function otherTenantAdmin(db: Db, other: OtherTenant): Promise<SessionUser> {
  const row = await withPlatform(db, (trx) =>
    trx
      .selectFrom("users")
      .innerJoin("tenants", "tenants.id", "users.tenant_id")
      .select(["users.name", "tenants.name as tenantName"])
      .where("users.id", "=", other.admin.id)
      .executeTakeFirstOrThrow(),
  );
  return {
    id: other.admin.id,
    email: other.admin.email,
    name: row.name,
    role: "admin",
    tenantId: other.tenantId,
    tenantName: row.tenantName,
  };
}

/**
 * Tenant A: a user per staff role and a few records of its own, including a CSV import whose
 * rows name B's records (each row one reference, the rest valid for A).
 */
export async function seedCallingTenant(db: Db, other: OtherTenant) {
  const { tenant, admin } = await createTestTenant(db, "Alpha caller");
  const users: Record<"admin" | "it_staff" | "auditor" | "employee", TestUser> = {
    admin: { ...admin, tenantName: tenant.name },
    it_staff: await createTestUser(db, tenant, "it_staff"),
    auditor: await createTestUser(db, tenant, "auditor"),
    employee: await createTestUser(db, tenant, "employee"),
  };
  const a = callerFor(users.admin);
  const organization = await a.reference.organization.create({ name: "Alpha Org" });
  const department = await a.reference.department.create({
    name: "Alpha Dept",
    organizationId: organization.id,
  });
  const category = await a.reference.category.create({ name: "Alpha Laptops" });
  const field = await a.reference.category.addField({
    categoryId: category.id,
    label: "Alpha RAM",
    type: "text",
  });
  const manufacturer = await a.reference.manufacturer.create({ name: "Alpha Maker" });
  const model = await a.reference.model.create({ manufacturerId: manufacturer.id, name: "Alpha Model" });
  const site = await a.reference.location.create({ name: "Alpha Site", kind: "site" });
  const building = await a.reference.location.create({
    name: "Alpha Building",
    kind: "building",
    parentId: site.id,
  });
  const room = await a.reference.location.create({ name: "Alpha Room", kind: "room", parentId: building.id });
  const employee = await a.employees.create({
    firstName: "Alma",
    lastName: "Alpha",
    workEmail: "alma@a.test",
  });
  const stock = await a.assets.create({ name: "Alpha Laptop", categoryId: category.id, locationId: room.id });
  const assigned = await a.assets.create({
    name: "Alpha Phone",
    categoryId: category.id,
    locationId: room.id,
  });
  await a.assets.assign({ assetId: assigned.id, employeeId: employee.id });
  const audit = await a.assets.audits.start({ locationId: site.id });
  const workflow = await seedOffboarding(db, a, tenant.id, employee.id);
  const license = await a.licenses.create({ name: "Alpha Licence", seats: 5 });
  const files = await seedTenantFiles(db, users.it_staff, {
    assetId: stock.id,
    employeeId: employee.id,
    label: "Alpha",
  });

  const fillers = ["Alpha One", "Alpha Two", "Alpha Three", "Alpha Four", "Alpha Five"];
  const row = (
    name: string,
    over: Partial<Record<"category" | "model" | "location" | "status" | "employee" | "serial", string>>,
  ) =>
    [
      name,
      over.category ?? category.name,
      over.model ?? "",
      over.location ?? "",
      over.status ?? "",
      over.employee ?? "",
      over.serial ?? "",
    ].join(",");
  // Fillers first: the dry run's five-row preview then shows none of B's names.
  const csv = [
    "Name,Category,Model,Location,Status,Assigned to,Serial number",
    ...fillers.map((name) => row(name, {})),
    row("Alpha B category", { category: other.category.name }),
    row("Alpha B model", { model: other.model.name }),
    row("Alpha B location", { location: other.room.name }),
    row("Alpha B status", { status: other.status.name }),
    row("Alpha B holder", { employee: other.holder.email }),
    // valid in A: serials are unique per tenant, so B's serial is free here
    row("Alpha B serial", { serial: other.assets.assigned.serial }),
  ].join("\n");
  const uploaded = await a.assets.import.upload({ fileName: "alpha.csv", content: csv });
  await a.assets.import.validate({ importId: uploaded.id, columns: uploaded.columns });
  // An employee file naming B's department (by name and alias), location and a manager of B's;
  // B's spare's work email is free in A (work emails are unique per tenant).
  const peopleCsv = [
    "Name,Work email,Department,Location,Manager",
    "Alpha Person,alpha-person@alpha.example.test,,,",
    `Alpha Spare,${other.spare.email},,,`,
    `Alpha Dept,alpha-dept@alpha.example.test,${other.department.name},,`,
    `Alpha Alias,alpha-alias@alpha.example.test,${other.departmentAlias.alias},,`,
    `Alpha Room,alpha-room@alpha.example.test,,${other.room.name},`,
    `Alpha Report,alpha-report@alpha.example.test,,,${other.holder.email}`,
  ].join("\n");
  const people = await a.employees.import.upload({ fileName: "alpha-people.csv", content: peopleCsv });
  await a.employees.import.validate({ importId: people.id, columns: people.columns });
  const agent = await seedCallingAgent(db, users.admin);

  return {
    tenantId: tenant.id,
    users,
    organization,
    department,
    category,
    field,
    manufacturer,
    model,
    site,
    building,
    room,
    employee,
    assets: { stock, assigned },
    auditId: audit.id,
    license,
    files,
    workflow,
    employeeImport: { id: people.id, columns: people.columns, csv: peopleCsv, validRows: 2, rowsNamingB: 4 },
    import: {
      id: uploaded.id,
      columns: uploaded.columns,
      csv,
      validRows: fillers.length + 1,
      rowsNamingB: 5,
    },
    agent,
  };
}
export type CallingTenant = Awaited<ReturnType<typeof seedCallingTenant>>;
