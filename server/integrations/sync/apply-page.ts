import { randomUUID } from "node:crypto";
import { type Selectable, sql } from "kysely";
import type { Employees } from "@/db/types";
import type { EventName } from "@/inngest/events";
import type { TenantScope } from "../../context";
import { withKeyring } from "../../employees/process-keyring";
import { today } from "../../employees/queries";
import { openAll, sealAll } from "../../employees/sensitive-fields";
import { reactivateEmployee } from "../../employees/services/reactivate-employee";
import { terminateEmployee } from "../../employees/services/terminate-employee";
import { AppError } from "../../errors";
import { type Changes, changesBetween } from "../../events/changes";
import { type EventInput, emitMany } from "../../events/emit";
import type { PulledPage } from "../hris/adapter";
import type { FieldPolicy } from "../schemas";
import { ownedElsewhereReason, ownerNames } from "./owned-elsewhere";
import {
  checkPerson,
  plainOwnedFields,
  providerOwnedFields,
  reportableExternalId,
  type SyncedPerson,
} from "./person";
import { ReferenceNames } from "./reference-names";

/** Rows per multi-row insert: 500 employees x 25 columns stays far below PostgreSQL's parameter limit. */
const INSERT_CHUNK = 500;

export type PageCounts = {
  added: number;
  updated: number;
  unchanged: number;
  skipped: number;
  failed: number;
};
export type RecordError = { externalId: string | null; reason: string };

/**
 * Rows are read without locks, so a sync that finds nothing to change writes nothing (not even a
 * row lock). The rows it does change are locked just before writing and skipped if they changed
 * since they were read (their xmin moved): a local edit made meanwhile is never overwritten by a
 * diff computed before it; the next sync sees it.
 */
const rowVersion = sql<string>`employees.xmin::text`.as("row_version");
type EmployeeRow = Selectable<Employees> & { row_version: string };
type Plain = Record<(typeof plainOwnedFields)[number], string | null>;
type Target = { integrationId: string; providerLabel: string; fieldPolicy: FieldPolicy };

const plainOf = (row: EmployeeRow): Plain => ({
  firstName: row.first_name,
  lastName: row.last_name,
  workEmail: row.work_email,
  employeeNumber: row.employee_number,
  title: row.title,
  departmentId: row.department_id,
  locationId: row.location_id,
  managerId: row.manager_id,
  hireDate: row.hire_date,
});

const columnsOf = (plain: Plain) => ({
  first_name: plain.firstName as string,
  last_name: plain.lastName as string,
  work_email: plain.workEmail,
  employee_number: plain.employeeNumber,
  title: plain.title,
  department_id: plain.departmentId,
  location_id: plain.locationId,
  manager_id: plain.managerId,
  hire_date: plain.hireDate,
});

/**
 * Writes one page of people in the caller's transaction, acting as the integration: new people
 * are inserted in multi-row statements, changed ones updated in one statement, unchanged ones not
 * touched at all (no row, no event). Each write emits what the UI's would (employee.created with
 * the hire date, employee.updated with its changes, employee.terminated through the terminate
 * service, so onboarding, access reviews and offboarding follow). A record that cannot be written
 * (malformed, or clashing with another employee's email or number) is reported, never fatal; so is
 * a person another integration owns (skipped, nothing written: owned-elsewhere.ts).
 */
export async function applyPeople(
  scope: TenantScope,
  target: Target,
  page: PulledPage,
): Promise<{ counts: PageCounts; errors: RecordError[] }> {
  const counts: PageCounts = { added: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };
  const errors: RecordError[] = [];
  const skip = (externalId: string | null, reason: string) => {
    counts.skipped++;
    errors.push({ externalId: reportableExternalId(externalId), reason });
  };
  const fail = (externalId: string, reason: string) => {
    counts.failed++;
    errors.push({ externalId, reason });
  };

  const people = new Map<string, SyncedPerson>();
  for (const record of page.records) {
    if (!record.ok) {
      skip(record.externalId, record.reason);
      continue;
    }
    const checked = checkPerson(record.person);
    if (!checked.ok) skip(record.person.externalId || null, checked.reason);
    else if (people.has(checked.person.externalId))
      skip(checked.person.externalId, "Listed twice by the provider; the first was used.");
    else people.set(checked.person.externalId, checked.person);
  }
  if (people.size === 0) return { counts, errors };

  const { db, tenantId } = scope;
  const ids = [...people.keys()];
  const existing = new Map<string, EmployeeRow>();
  for (const row of await db
    .selectFrom("employees")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("source_integration_id", "=", target.integrationId)
    .where("external_id", "in", ids)
    .select(rowVersion)
    .execute()) {
    if (row.external_id) existing.set(row.external_id, row);
  }

  // Who holds each email and number now. A person is matched by work email: a manual (or imported)
  // record is adopted (linked, not duplicated), one another integration owns is skipped with its
  // owner's name; any other clash is that record's failure.
  const emails = [...people.values()].flatMap((person) => (person.workEmail ? [person.workEmail] : []));
  const numbers = [...people.values()].flatMap((person) =>
    person.employeeNumber ? [person.employeeNumber] : [],
  );
  const holders =
    emails.length + numbers.length === 0
      ? []
      : await db
          .selectFrom("employees")
          .selectAll()
          .where("tenant_id", "=", tenantId)
          .where((eb) =>
            eb.or([
              ...(emails.length ? [eb("work_email", "in", emails)] : []),
              ...(numbers.length ? [eb("employee_number", "in", numbers)] : []),
            ]),
          )
          .select(rowVersion)
          .execute();
  const byEmail = new Map(holders.flatMap((row) => (row.work_email ? [[row.work_email, row] as const] : [])));
  const byNumber = new Map(
    holders.flatMap((row) => (row.employee_number ? [[row.employee_number, row] as const] : [])),
  );
  const claimedEmails = new Map<string, string>();
  const claimedNumbers = new Map<string, string>();
  const adoptedIds = new Set<string>();
  const owners = await ownerNames(
    scope,
    [...byEmail.values()].flatMap((row) =>
      row.source_integration_id && row.source_integration_id !== target.integrationId
        ? [row.source_integration_id]
        : [],
    ),
  );

  const references = new ReferenceNames(scope);
  const newIds = new Map<string, string>();
  const planned: Array<{ person: SyncedPerson; row: EmployeeRow | null; id: string; plain: Plain }> = [];
  for (const person of people.values()) {
    let row = existing.get(person.externalId) ?? null;
    const holder = !row && person.workEmail ? byEmail.get(person.workEmail) : undefined;
    const owner = holder?.source_integration_id;
    if (owner && owner !== target.integrationId) {
      skip(person.externalId, ownedElsewhereReason(owners.get(owner)));
      continue;
    }
    // Adopted once: a second record of the page with the same email clashes below.
    if (holder && !owner && !adoptedIds.has(holder.id)) {
      row = holder;
      adoptedIds.add(holder.id);
    }
    const id = row?.id ?? randomUUID();
    const clash = clashOf(person, id, byEmail, byNumber, claimedEmails, claimedNumbers);
    if (clash) {
      fail(person.externalId, clash);
      continue;
    }
    if (person.workEmail) claimedEmails.set(person.workEmail, id);
    if (person.employeeNumber) claimedNumbers.set(person.employeeNumber, id);
    if (!row) newIds.set(person.externalId, id);
    try {
      const plain: Plain = {
        firstName: person.firstName,
        lastName: person.lastName,
        workEmail: person.workEmail ?? null,
        employeeNumber: person.employeeNumber ?? null,
        title: person.title ?? null,
        departmentId: person.department
          ? await references.department(person.department, person.organization)
          : null,
        locationId: person.location ? await references.location(person.location) : null,
        managerId: null,
        hireDate: person.hireDate ?? null,
      };
      if (!person.department && person.organization) await references.organization(person.organization);
      planned.push({ person, row, id, plain });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      newIds.delete(person.externalId);
      fail(person.externalId, error.message);
    }
  }

  const managers = await managerIds(scope, target.integrationId, planned, newIds);
  const inserts: Array<Record<string, unknown>> = [];
  const updates: Array<{
    id: string;
    plain: Plain;
    sealed: ReturnType<typeof sealAll> | null;
    person: SyncedPerson;
  }> = [];
  const events: EventInput<EventName>[] = [];
  const lifecycle: Array<{ id: string; person: SyncedPerson; row: EmployeeRow }> = [];
  const todayDate = await today(db);
  const keepLocal = target.fieldPolicy === "keep_local_edits";

  for (const { person, row, id, plain } of planned) {
    const managerId = person.managerExternalId ? managers.get(person.managerExternalId) : null;
    if (!row) {
      const goneAlready =
        person.status === "terminated" && (!person.terminationDate || person.terminationDate <= todayDate);
      const personal = { personalEmail: person.personalEmail ?? null, phone: person.phone ?? null };
      inserts.push({
        id,
        tenant_id: tenantId,
        ...columnsOf({ ...plain, managerId: managerId ?? null }),
        status: goneAlready ? "terminated" : "active",
        termination_date: person.status === "terminated" ? (person.terminationDate ?? todayDate) : null,
        termination_reason: person.status === "terminated" ? `Terminated in ${target.providerLabel}` : null,
        source: "integration",
        source_integration_id: target.integrationId,
        external_id: person.externalId,
        manager_external_id: person.managerExternalId,
        owned_fields: [...providerOwnedFields],
        ...withKeyring((keyring) =>
          sealAll(keyring, tenantId, id, {
            ...personal,
            homeAddress: null,
            dateOfBirth: null,
            nationalId: null,
          }),
        ),
      });
      events.push({
        name: "employee.created",
        entityId: id,
        data: {
          name: `${plain.firstName} ${plain.lastName}`,
          hireDate: plain.hireDate,
          personalFields: (["personalEmail", "phone"] as const).filter((field) => personal[field]),
        },
      });
      counts.added++;
      continue;
    }

    const overridden = new Set(keepLocal ? row.overridden_fields : []);
    const before = plainOf(row);
    // An unresolved manager (arriving on a later page) is linked by the run's last pass.
    const wanted: Plain = { ...plain, managerId: managerId === undefined ? before.managerId : managerId };
    const next = { ...wanted };
    for (const field of plainOwnedFields) if (overridden.has(field)) next[field] = before[field];
    const changes: Changes = changesBetween(before, next);
    const resealed = personalChanges(tenantId, row, person, overridden);
    const adopted = row.source_integration_id !== target.integrationId;
    const relinked = row.manager_external_id !== person.managerExternalId;
    const status = lifecycleChange(row, person, target.fieldPolicy, todayDate);
    if (Object.keys(changes).length > 0 || resealed || adopted || relinked) {
      updates.push({ id: row.id, plain: next, sealed: resealed?.columns ?? null, person });
    }
    if (Object.keys(changes).length > 0 || resealed) {
      events.push({
        name: "employee.updated",
        entityId: row.id,
        data: { changes, ...(resealed ? { personalFieldsChanged: resealed.changed } : {}) },
      });
    }
    if (status) lifecycle.push({ id: row.id, person, row });
    // An adopted record is written (linked to the provider) even when no field changes.
    if (Object.keys(changes).length > 0 || resealed || status || adopted) counts.updated++;
    else counts.unchanged++;
  }

  for (let start = 0; start < inserts.length; start += INSERT_CHUNK) {
    await db
      .insertInto("employees")
      .values(inserts.slice(start, start + INSERT_CHUNK) as never)
      .execute();
  }
  const stale = await changedSinceRead(
    scope,
    planned.flatMap(({ row }) =>
      row && (updates.some((u) => u.id === row.id) || lifecycle.some((l) => l.id === row.id)) ? [row] : [],
    ),
  );
  for (const { person, row } of planned) {
    if (!row || !stale.has(row.id)) continue;
    // the rows counted updated above: changed, ending or resuming, or adopted
    if (
      events.some((event) => event.entityId === row.id) ||
      lifecycle.some((l) => l.id === row.id) ||
      row.source_integration_id !== target.integrationId
    ) {
      counts.updated--;
      fail(
        person.externalId,
        "Edited in Assetronics while the sync ran; the next sync applies the provider's changes.",
      );
    }
  }
  await writeUpdates(
    scope,
    target,
    updates.filter((update) => !stale.has(update.id)),
  );
  await emitMany(
    scope,
    events.filter((event) => event.name === "employee.created" || !stale.has(event.entityId)),
  );
  for (const { id, person, row } of lifecycle.filter((entry) => !stale.has(entry.id))) {
    try {
      if (person.status === "terminated") {
        await terminateEmployee(scope, {
          employeeId: id,
          terminationDate: person.terminationDate ?? todayDate,
          reason: `Terminated in ${target.providerLabel}`,
        });
      } else {
        await reactivateEmployee(scope, row.id);
      }
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      counts.updated--;
      fail(person.externalId, error.message);
    }
  }
  return { counts, errors };
}

/** Locks the rows about to change and returns those changed since they were read. */
async function changedSinceRead(scope: TenantScope, rows: readonly EmployeeRow[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const current = await scope.db
    .selectFrom("employees")
    .select(["id", rowVersion])
    .where("tenant_id", "=", scope.tenantId)
    .where(
      "id",
      "in",
      rows.map((row) => row.id),
    )
    .forUpdate()
    .execute();
  const versions = new Map(current.map((row) => [row.id, row.row_version]));
  return new Set(rows.filter((row) => versions.get(row.id) !== row.row_version).map((row) => row.id));
}

/** Why a person cannot take their email or number: someone else (or an earlier record) has it. */
function clashOf(
  person: SyncedPerson,
  id: string,
  byEmail: Map<string, EmployeeRow>,
  byNumber: Map<string, EmployeeRow>,
  claimedEmails: Map<string, string>,
  claimedNumbers: Map<string, string>,
): string | null {
  if (person.workEmail) {
    const holder = byEmail.get(person.workEmail);
    const claimed = claimedEmails.get(person.workEmail);
    if ((holder && holder.id !== id) || (claimed && claimed !== id))
      return `Work email ${person.workEmail} already belongs to another employee${holder ? ` (${holder.first_name} ${holder.last_name})` : ""}.`;
  }
  if (person.employeeNumber) {
    const holder = byNumber.get(person.employeeNumber);
    const claimed = claimedNumbers.get(person.employeeNumber);
    if ((holder && holder.id !== id) || (claimed && claimed !== id))
      return `Employee number ${person.employeeNumber} already belongs to another employee${holder ? ` (${holder.first_name} ${holder.last_name})` : ""}.`;
  }
  return null;
}

/**
 * The ids of the managers the page names, by their provider id: people already synced, and people
 * new on this page. A manager not known yet is absent (undefined), linked at the end of the run.
 */
async function managerIds(
  scope: TenantScope,
  integrationId: string,
  planned: ReadonlyArray<{ person: SyncedPerson }>,
  newIds: Map<string, string>,
): Promise<Map<string, string | null>> {
  const wanted = [
    ...new Set(planned.flatMap(({ person }) => (person.managerExternalId ? [person.managerExternalId] : []))),
  ];
  const found = new Map<string, string | null>();
  const lookup = wanted.filter((externalId) => !newIds.has(externalId));
  if (lookup.length > 0) {
    const rows = await scope.db
      .selectFrom("employees")
      .select(["id", "external_id"])
      .where("tenant_id", "=", scope.tenantId)
      .where("source_integration_id", "=", integrationId)
      .where("external_id", "in", lookup)
      .execute();
    for (const row of rows) if (row.external_id) found.set(row.external_id, row.id);
  }
  for (const externalId of wanted) {
    const id = newIds.get(externalId);
    if (id) found.set(externalId, id);
  }
  return found;
}

/** The provider's personal email and phone against the sealed ones; all re-sealed when one changed. */
function personalChanges(tenantId: string, row: EmployeeRow, person: SyncedPerson, overridden: Set<string>) {
  const given = {
    personalEmail: overridden.has("personalEmail") ? undefined : (person.personalEmail ?? null),
    phone: overridden.has("phone") ? undefined : (person.phone ?? null),
  };
  const anySealed = row.personal_email_sealed !== null || row.phone_sealed !== null;
  if (!anySealed && !given.personalEmail && !given.phone) return null;
  return withKeyring((keyring) => {
    const current = openAll(keyring, tenantId, row.id, row);
    const changed = (["personalEmail", "phone"] as const).filter(
      (field) => given[field] !== undefined && given[field] !== current[field],
    );
    if (changed.length === 0) return null;
    const next = { ...current };
    for (const field of changed) next[field] = given[field] ?? null;
    return { changed, columns: sealAll(keyring, tenantId, row.id, next) };
  });
}

/**
 * Whether the provider ends or resumes the person's employment here: terminated there and not
 * (or not on that date) here; or active there, terminated here and the provider's word wins.
 */
function lifecycleChange(
  row: EmployeeRow,
  person: SyncedPerson,
  policy: FieldPolicy,
  todayDate: string,
): boolean {
  if (person.status === "terminated") {
    if (row.status === "terminated") return false;
    return row.termination_date !== (person.terminationDate ?? todayDate);
  }
  return row.status === "terminated" && policy === "provider_wins";
}

/** Every changed (or newly linked) row in one statement, with its sealed columns when they changed. */
async function writeUpdates(
  scope: TenantScope,
  target: Target,
  updates: ReadonlyArray<{
    id: string;
    plain: Plain;
    sealed: ReturnType<typeof sealAll> | null;
    person: SyncedPerson;
  }>,
): Promise<void> {
  if (updates.length === 0) return;
  const keepLocal = target.fieldPolicy === "keep_local_edits";
  const values = updates.map(({ id, plain, sealed, person }) => ({
    id,
    ...columnsOf(plain),
    manager_external_id: person.managerExternalId,
    sealed: sealed !== null,
    ...(sealed ?? {}),
  }));
  await sql`
    update employees e set
      first_name = v.first_name, last_name = v.last_name, work_email = v.work_email,
      employee_number = v.employee_number, title = v.title, department_id = v.department_id,
      location_id = v.location_id, manager_id = v.manager_id, hire_date = v.hire_date,
      manager_external_id = v.manager_external_id,
      source = 'integration', source_integration_id = ${target.integrationId},
      external_id = v.external_id,
      owned_fields = ${sql.val([...providerOwnedFields])}::text[],
      overridden_fields = ${keepLocal ? sql`e.overridden_fields` : sql`'{}'::text[]`},
      personal_email_sealed = case when v.sealed then v.personal_email_sealed else e.personal_email_sealed end,
      phone_sealed = case when v.sealed then v.phone_sealed else e.phone_sealed end,
      home_address_sealed = case when v.sealed then v.home_address_sealed else e.home_address_sealed end,
      date_of_birth_sealed = case when v.sealed then v.date_of_birth_sealed else e.date_of_birth_sealed end,
      national_id_sealed = case when v.sealed then v.national_id_sealed else e.national_id_sealed end,
      personal_email_index = case when v.sealed then v.personal_email_index else e.personal_email_index end,
      national_id_index = case when v.sealed then v.national_id_index else e.national_id_index end,
      data_key_id = case when v.sealed then v.data_key_id else e.data_key_id end
    from jsonb_to_recordset(${JSON.stringify(
      values.map((value, index) => ({ ...value, external_id: updates[index]?.person.externalId })),
    )}::jsonb) as v(
      id uuid, first_name text, last_name text, work_email text, employee_number text, title text,
      department_id uuid, location_id uuid, manager_id uuid, hire_date date, manager_external_id text,
      external_id text, sealed boolean, personal_email_sealed text, phone_sealed text,
      home_address_sealed text, date_of_birth_sealed text, national_id_sealed text,
      personal_email_index text, national_id_index text, data_key_id text
    )
    where e.tenant_id = ${scope.tenantId} and e.id = v.id`.execute(scope.db);
}
