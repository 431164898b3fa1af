import { sql } from "kysely";
import { actingUserId, type TenantScope } from "../../context";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import type { TenantRole } from "../../roles";
import { tenantRoles } from "../../roles";
import type { WorkflowRuleKey } from "../rules";
import type { TemplateStep } from "../schemas";
import { LICENSE_PLACEHOLDER } from "../step-action-rules";
import { currentTemplateVersion } from "../template-queries";
import { unblockByEarlierCompletions } from "./unblock-waiting-steps";

export type StartWorkflow = {
  templateId: string;
  employeeId?: string | null;
  assetId?: string | null;
  /** The event automation is handling: the same event starts one workflow of a kind, ever. */
  triggerEventId?: string | null;
  /** The automation rule starting it (null: a person started it). */
  rule?: WorkflowRuleKey | null;
};

type Subject = {
  employee: {
    id: string;
    name: string;
    userId: string | null;
    managerUserId: string | null;
    hireDate: string | null;
  } | null;
  asset: { id: string; tag: string } | null;
  heldAssets: { id: string; tag: string }[];
  heldLicenses: { id: string; name: string }[];
  /** The asset's location (else the employee's) and its IT contact, the nearest up the tree. */
  location: { name: string; itContactUserId: string | null } | null;
};

/** Where a step goes when its rule names nobody who can sign in: IT staff pick it up. */
const FALLBACK_ROLE: TenantRole = "it_staff";

type Assignee = ({ userId: string; role: null } | { userId: null; role: TenantRole }) & {
  /** Why the step went elsewhere than its rule says, shown with the step. */
  note?: string;
};

/**
 * A template's assignee rule, resolved once when the workflow starts: a user, a role, the
 * employee themself or their manager (when they have an account), or the IT contact of the
 * asset's location (else the employee's), the nearest location up the tree that has one. A rule
 * naming nobody who can sign in falls back to IT staff; for a location the step says so.
 */
function resolveAssignee(rule: TemplateStep["assignee"], subject: Subject): Assignee {
  const byRole = (role: string | undefined, note?: string): Assignee => ({
    userId: null,
    role: tenantRoles.includes(role as TenantRole) ? (role as TenantRole) : FALLBACK_ROLE,
    ...(note ? { note } : {}),
  });
  const byUser = (userId: string | null | undefined): Assignee =>
    userId ? { userId, role: null } : byRole(undefined);
  switch (rule.type) {
    case "user":
      return byUser(rule.value);
    case "role":
      return byRole(rule.value);
    case "employee":
      return byUser(subject.employee?.userId);
    case "manager":
      return byUser(subject.employee?.managerUserId);
    case "location_it_contact": {
      const { location } = subject;
      if (location?.itContactUserId) return { userId: location.itContactUserId, role: null };
      return byRole(
        undefined,
        location
          ? `${location.name} has no IT contact: assigned to IT staff.`
          : "No location is recorded, so there is no IT contact: assigned to IT staff.",
      );
    }
  }
}

async function loadSubject(scope: TenantScope, input: StartWorkflow): Promise<Subject> {
  const { db, tenantId } = scope;
  // The employee with the assets (by tag) and licences (by name) they hold, in one round trip.
  const employee = input.employeeId
    ? await db
        .selectFrom("employees")
        .leftJoin("employees as manager", "manager.id", "employees.manager_id")
        .select([
          "employees.id",
          "employees.location_id as locationId",
          "employees.display_name as name",
          "employees.user_id as userId",
          "manager.user_id as managerUserId",
          "employees.hire_date as hireDate",
          sql<{ id: string; tag: string }[]>`(
            select coalesce(json_agg(json_build_object('id', a.id, 'tag', a.tag) order by a.tag), '[]')
              from assets a
             where a.tenant_id = employees.tenant_id and a.employee_id = employees.id
          )`.as("heldAssets"),
          sql<{ id: string; name: string }[]>`(
            select coalesce(json_agg(json_build_object('id', l.id, 'name', l.name) order by l.name, l.id), '[]')
              from license_assignments la
              join licenses l on l.id = la.license_id
             where la.tenant_id = employees.tenant_id and la.employee_id = employees.id
               and la.revoked_at is null
          )`.as("heldLicenses"),
        ])
        .where("employees.tenant_id", "=", tenantId)
        .where("employees.id", "=", input.employeeId)
        .executeTakeFirst()
    : null;
  if (input.employeeId && !employee)
    throw new AppError("NOT_FOUND", "That employee does not exist in this organization.");
  const asset = input.assetId
    ? await db
        .selectFrom("assets")
        .select(["id", "tag", "location_id as locationId"])
        .where("tenant_id", "=", tenantId)
        .where("id", "=", input.assetId)
        .executeTakeFirst()
    : null;
  if (input.assetId && !asset)
    throw new AppError("NOT_FOUND", "That asset does not exist in this organization.");
  const locationId = asset?.locationId ?? employee?.locationId ?? null;
  return {
    employee: employee
      ? {
          id: employee.id,
          name: employee.name ?? "",
          userId: employee.userId,
          managerUserId: employee.managerUserId,
          hireDate: employee.hireDate ? String(employee.hireDate) : null,
        }
      : null,
    asset: asset ? { id: asset.id, tag: asset.tag } : null,
    heldAssets: employee?.heldAssets ?? [],
    heldLicenses: employee?.heldLicenses ?? [],
    location: locationId ? await locationContact(scope, locationId) : null,
  };
}

/** A location's name and the IT contact of it or the nearest location above it with an active one. */
async function locationContact(scope: TenantScope, locationId: string) {
  const result = await sql<{ name: string; contact: string | null }>`
    with recursive up as (
      select id, parent_id, name, it_contact_user_id, 0 as depth
        from locations where tenant_id = ${scope.tenantId} and id = ${locationId}
      union all
      select l.id, l.parent_id, l.name, l.it_contact_user_id, up.depth + 1
        from locations l join up on l.id = up.parent_id
       where l.tenant_id = ${scope.tenantId} and up.depth < 32
    )
    select (select name from up where depth = 0) as name,
           (select up.it_contact_user_id from up join users u
               on u.id = up.it_contact_user_id and u.tenant_id = ${scope.tenantId} and u.status = 'active'
             order by up.depth limit 1) as contact`.execute(scope.db);
  const row = result.rows[0];
  return row?.name ? { name: row.name, itContactUserId: row.contact } : null;
}

/**
 * The template's steps for this subject: a per-held-asset step becomes one step per asset, a
 * per-held-licence step one per licence (carrying it as the other carries its asset).
 */
type ExpandedStep = TemplateStep & { assetId: string | null; licenseId: string | null };

function expandSteps(steps: TemplateStep[], subject: Subject): ExpandedStep[] {
  return steps.flatMap((step): ExpandedStep[] => {
    if (step.perHeldAsset) {
      return subject.heldAssets.map((asset) => ({
        ...step,
        title: step.title.replace("{tag}", asset.tag),
        assetId: asset.id,
        licenseId: null,
      }));
    }
    if (step.perHeldLicense) {
      return subject.heldLicenses.map((license) => ({
        ...step,
        title: step.title.replace(LICENSE_PLACEHOLDER, license.name),
        assetId: null,
        licenseId: license.id,
      }));
    }
    return [{ ...step, assetId: step.action ? (subject.asset?.id ?? null) : null, licenseId: null }];
  });
}

const DAY = 86_400_000;

/**
 * When a step falls due: its offset in days from the start, or for an onboarding of someone with
 * a hire date, from the hire date (so "prepare a laptop" can be due before the first day). A date
 * that would already be past (a hire date long gone) gives the step a day from now instead: a
 * step is never overdue the moment it is created.
 */
function dueDate(offsetDays: number | null, hireDate: Date | null, now: number): Date | null {
  if (offsetDays === null) return null;
  // Before a start that is now: a day to do it.
  if (!hireDate) return new Date(now + (offsetDays < 0 ? 1 : offsetDays) * DAY);
  return new Date(Math.max(hireDate.getTime() + offsetDays * DAY, now + DAY));
}

/** The hire date due dates count from: onboardings only. */
function dueBase(kind: string, subject: Subject): Date | null {
  if (kind !== "onboarding" || !subject.employee?.hireDate) return null;
  const base = new Date(`${subject.employee.hireDate.slice(0, 10)}T09:00:00Z`);
  return Number.isNaN(base.getTime()) ? null : base;
}

/**
 * Starts a workflow from a template's current version for an employee and/or an asset: its steps
 * are copied with their assignees resolved and due dates set, so later template edits never change
 * a running workflow. With a trigger event, a second start for the same event and kind returns the
 * first workflow (`created: false`) and writes nothing.
 */
export async function startWorkflow(scope: TenantScope, input: StartWorkflow) {
  const { db, tenantId } = scope;
  if (!input.employeeId && !input.assetId) {
    throw new AppError("BAD_REQUEST", "Choose the employee or the asset this workflow is about.", {
      field: "employeeId",
    });
  }
  const template = await currentTemplateVersion(db, tenantId, input.templateId);
  const subject = await loadSubject(scope, input);
  const steps = expandSteps(template.steps, subject);
  if (steps.length === 0) {
    throw new AppError(
      "UNPROCESSABLE",
      `${template.name} has nothing to do for this employee: they hold no assets or licences.`,
    );
  }
  const now = Date.now();
  const base = dueBase(template.kind, subject);
  const dueDates = steps.map((step) => dueDate(step.dueOffsetDays, base, now));
  const latestDue = dueDates.reduce<Date | null>(
    (latest, due) => (due && (!latest || due > latest) ? due : latest),
    null,
  );
  const title = `${template.name}: ${[subject.employee?.name, subject.asset?.tag].filter(Boolean).join(" · ")}`;

  const inserted = await db
    .insertInto("workflows")
    .values({
      tenant_id: tenantId,
      template_id: template.id,
      template_version_id: template.version_id,
      kind: template.kind,
      title,
      employee_id: subject.employee?.id ?? null,
      asset_id: subject.asset?.id ?? null,
      due_at: latestDue,
      trigger_event_id: input.triggerEventId ?? null,
      rule: input.rule ?? null,
      started_by: actingUserId(scope.actor),
    })
    .onConflict((oc) =>
      oc
        .columns(["tenant_id", "kind", "trigger_event_id"])
        .where("trigger_event_id", "is not", null)
        .doNothing(),
    )
    .returning("id")
    .executeTakeFirst();
  if (!inserted)
    return { id: await existingFor(scope, template.kind, input.triggerEventId ?? ""), created: false };

  await db
    .insertInto("workflow_steps")
    .values(
      steps.map((step, index) => {
        const assignee = resolveAssignee(step.assignee, subject);
        return {
          tenant_id: tenantId,
          workflow_id: inserted.id,
          position: index + 1,
          title: step.title,
          instructions: step.instructions,
          assignee_user_id: assignee.userId,
          assignee_role: assignee.role,
          assignee_note: assignee.note ?? null,
          due_at: dueDates[index],
          needs_approval: step.needsApproval,
          needs_evidence: step.needsEvidence,
          outcomes: step.outcomes ?? null,
          action: step.action?.type ?? null,
          asset_id: step.assetId,
          license_id: step.licenseId,
          waits_for_kind: step.waitsFor ?? null,
          starts_kind: step.startsWorkflow ?? null,
          // The template's patience for its approvals; null: the tenant's escalation rule.
          escalate_after_hours: step.needsApproval ? template.approval_escalation_hours : null,
        };
      }),
    )
    .execute();
  await emit(scope, {
    name: "workflow.created",
    entityId: inserted.id,
    data: {
      kind: template.kind,
      title,
      templateId: template.id,
      templateVersion: template.version,
      steps: steps.length,
      employeeId: subject.employee?.id ?? null,
      assetId: subject.asset?.id ?? null,
      triggerEventId: input.triggerEventId ?? null,
    },
  });
  await unblockByEarlierCompletions(scope, {
    workflowId: inserted.id,
    employeeId: subject.employee?.id ?? null,
    assetId: subject.asset?.id ?? null,
  });
  return { id: inserted.id, created: true };
}

async function existingFor(scope: TenantScope, kind: string, triggerEventId: string) {
  const row = await scope.db
    .selectFrom("workflows")
    .select("id")
    .where("tenant_id", "=", scope.tenantId)
    .where("kind", "=", kind)
    .where("trigger_event_id", "=", triggerEventId)
    .executeTakeFirstOrThrow();
  return row.id;
}
