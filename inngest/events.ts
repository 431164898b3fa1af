import { z } from "zod";
import { importModes } from "@/server/assets/import/schemas";
import { roles } from "@/server/roles";

/**
 * The event catalog: one typed schema per domain event, named `<domain>.<past_tense>`.
 * Every event also carries tenantId, actor, its entity and its causation (EventEnvelope in
 * server/events/envelope.ts); `data` is what is specific to the event. Updates carry `changes`:
 * each changed field with its before and after. Enums come from their one source (roles, import
 * modes).
 */
const changes = z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() }));
const role = z.enum(roles);

const id = z.string();
const optionalId = z.string().nullable().optional();
/** A duplicate folded into a survivor: every reference moved, its name kept as an alias. */
const mergedData = z.object({
  survivorId: id,
  survivorName: z.string(),
  duplicateId: id,
  duplicateName: z.string(),
  moved: z.record(z.string(), z.number()),
});
const aliasData = z.object({ aliasId: id, alias: z.string() });
/** What every file event says: the file's name and purpose, and what it belongs to (if anything yet). */
const fileData = z.object({
  name: z.string(),
  purpose: z.string(),
  attachedTo: z.object({ type: z.string(), id }).nullable(),
  assetId: id.optional(),
  employeeId: id.optional(),
});

export const eventCatalog = {
  // tenants & accounts
  "tenant.created": { entity: "tenant", data: z.object({ name: z.string(), slug: z.string() }) },
  "tenant.suspended": {
    entity: "tenant",
    data: z.object({ name: z.string(), sessionsEnded: z.number().int().nonnegative() }),
  },
  "tenant.reactivated": { entity: "tenant", data: z.object({ name: z.string() }) },
  /**
   * The demo seed wrote the demo company in bulk: its employees, assets and their past history
   * carry no event of their own, this one records them (and how to regenerate them).
   */
  "tenant.demo_seeded": {
    entity: "tenant",
    data: z.object({
      asOf: z.string(),
      randomSeed: z.number().int(),
      employees: z.number().int(),
      assets: z.number().int(),
      assetTransactions: z.number().int(),
      categories: z.number().int(),
      models: z.number().int(),
    }),
  },
  "user.created": {
    entity: "user",
    data: z.object({
      email: z.string(),
      name: z.string(),
      role,
      via: z.enum(["sign_up", "invitation", "seed", "platform"]),
    }),
  },
  "user.invited": {
    entity: "invitation",
    data: z.object({ email: z.string(), role, expiresAt: z.string() }),
  },
  "user.invitation_revoked": { entity: "invitation", data: z.object({ email: z.string() }) },
  "user.role_changed": { entity: "user", data: z.object({ email: z.string(), changes }) },
  "user.signed_in": { entity: "user", data: z.object({ email: z.string(), ip: z.string() }) },
  "user.sign_in_failed": {
    entity: "user",
    data: z.object({ email: z.string(), ip: z.string(), reason: z.string() }),
  },
  "user.deactivated": { entity: "user", data: z.object({ email: z.string() }) },
  "user.reactivated": { entity: "user", data: z.object({ email: z.string() }) },
  /** Every session of the user ended (sign-out ends them all; `everywhere`: asked for explicitly). */
  "user.signed_out": { entity: "user", data: z.object({ email: z.string(), everywhere: z.boolean() }) },
  /** With the current password; every earlier session ended. */
  "user.password_changed": { entity: "user", data: z.object({ email: z.string() }) },
  /** A single-use reset link: created by an admin (shown to them), or by automation and emailed. */
  "user.password_reset_link_created": {
    entity: "user",
    data: z.object({ email: z.string(), expiresAt: z.string() }),
  },
  /** Through a reset link; every earlier session ended. */
  "user.password_reset": { entity: "user", data: z.object({ email: z.string() }) },
  /**
   * Someone tried to sign up with the email of an existing account. The sign-up answered as for a
   * new email; the notifications domain tells the owner (sign in, or reset the password).
   */
  "user.sign_up_attempted_existing": {
    entity: "user",
    data: z.object({ email: z.string(), ip: z.string() }),
  },
  /**
   * Someone signed up with a new email (in the platform's stream: no organization exists yet). The
   * send-sign-up-verification function mails the link that creates it; the entity is the pending sign-up.
   */
  "user.sign_up_requested": {
    entity: "sign_up",
    data: z.object({ email: z.string(), ip: z.string() }),
  },
  /** "Forgot password?" on the sign-in page: the person is emailed a link; admins see it pending. */
  "user.password_reset_requested": {
    entity: "user",
    data: z.object({ email: z.string(), ip: z.string() }),
  },
  /** A user chose whether one notification type reaches them on one channel (their own setting). */
  "notification.preference_changed": {
    entity: "user",
    data: z.object({ type: z.string(), channel: z.string(), enabled: z.boolean() }),
  },
  /** A user set (or, with null, removed) the quiet hours non-urgent notifications wait out. */
  "notification.quiet_hours_changed": {
    entity: "user",
    data: z.object({
      quietHours: z.object({ start: z.string(), end: z.string(), timeZone: z.string() }).nullable(),
    }),
  },
  /** A user set or removed their SMS number (never in the event) or moved their daily digest. */
  "notification.settings_changed": {
    entity: "user",
    data: z.object({
      phone: z.enum(["set", "removed", "unchanged"]),
      digestHour: z.number(),
      digestTimeZone: z.string(),
    }),
  },
  /** A user turned browser push on in one browser (`label` names it), or off. */
  "notification.push_subscribed": { entity: "user", data: z.object({ label: z.string() }) },
  "notification.push_unsubscribed": { entity: "user", data: z.object({ label: z.string() }) },
  /** An admin changed which types a role gets on a channel by default (people's own choices still win). */
  "notification.role_default_changed": {
    entity: "tenant",
    data: z.object({ role: z.string(), type: z.string(), channel: z.string(), enabled: z.boolean() }),
  },
  /** An admin sent a failed delivery again; the retry function picks it up (chat ones have no user). */
  "notification.delivery_retried": {
    entity: "notification_delivery",
    data: z.object({
      deliveryId: id,
      channel: z.enum(["email", "sms", "push", "chat"]),
      type: z.string(),
      userId: id.nullable(),
    }),
  },
  /**
   * Team chat (Slack, Microsoft Teams): an admin added, turned on or off, or deleted a destination
   * (its webhook URL or token never appears, only its kind), or routed a type to it or away.
   */
  "notification.chat_destination_added": {
    entity: "chat_destination",
    data: z.object({ name: z.string(), kind: z.string() }),
  },
  "notification.chat_destination_enabled": {
    entity: "chat_destination",
    data: z.object({ name: z.string() }),
  },
  "notification.chat_destination_disabled": {
    entity: "chat_destination",
    data: z.object({ name: z.string() }),
  },
  "notification.chat_destination_removed": {
    entity: "chat_destination",
    data: z.object({ name: z.string(), kind: z.string() }),
  },
  "notification.chat_route_changed": {
    entity: "chat_destination",
    data: z.object({ name: z.string(), type: z.string(), routed: z.boolean() }),
  },
  /** An admin changed a destination's name or channel, or replaced its secret (never in the event). */
  "notification.chat_destination_updated": {
    entity: "chat_destination",
    data: z.object({ name: z.string(), changes, secret: z.enum(["replaced", "kept"]) }),
  },
  /**
   * The tenant's own Twilio account for text messages: saved (first `set`, or changed; the auth
   * token never appears, only whether it was replaced) or removed.
   */
  "notification.sms_settings_saved": {
    entity: "tenant",
    data: z.object({ accountSid: z.string(), changes, token: z.enum(["set", "replaced", "kept"]) }),
  },
  "notification.sms_settings_removed": { entity: "tenant", data: z.object({ accountSid: z.string() }) },
  "settings.changed": { entity: "tenant", data: z.object({ changes }) },
  "automation.run_retried": {
    entity: "automation_run",
    data: z.object({ functionId: z.string(), triggerEventName: z.string() }),
  },
  /** An admin re-queued an event Inngest had refused (a relay dead letter); the entity is that event. */
  "automation.delivery_retried": { entity: "event", data: z.object({ eventName: z.string() }) },

  // reference data (archiving and unarchiving are updates whose changes carry `archived`)
  "organization.created": {
    entity: "organization",
    data: z.object({ name: z.string(), via: z.string().optional() }),
  },
  "organization.updated": { entity: "organization", data: z.object({ name: z.string(), changes }) },
  "organization.merged": { entity: "organization", data: mergedData },
  "organization.alias_added": { entity: "organization", data: aliasData },
  "organization.alias_removed": { entity: "organization", data: aliasData },
  "department.created": {
    entity: "department",
    data: z.object({ name: z.string(), organizationId: optionalId, via: z.string().optional() }),
  },
  "department.updated": { entity: "department", data: z.object({ name: z.string(), changes }) },
  "department.merged": { entity: "department", data: mergedData },
  "department.alias_added": { entity: "department", data: aliasData },
  "department.alias_removed": { entity: "department", data: aliasData },
  "category.created": {
    entity: "category",
    data: z.object({
      name: z.string(),
      depreciationMonths: z.number().nullable(),
      via: z.string().optional(),
    }),
  },
  "category.updated": { entity: "category", data: z.object({ name: z.string(), changes }) },
  "category.field_added": {
    entity: "category",
    data: z.object({
      fieldId: id,
      key: z.string(),
      label: z.string(),
      type: z.string(),
      required: z.boolean(),
    }),
  },
  "category.field_changed": {
    entity: "category",
    data: z.object({ fieldId: id, key: z.string(), changes }),
  },
  "category.fields_reordered": { entity: "category", data: z.object({ keys: z.array(z.string()) }) },
  "manufacturer.created": { entity: "manufacturer", data: z.object({ name: z.string() }) },
  "manufacturer.updated": { entity: "manufacturer", data: z.object({ name: z.string(), changes }) },
  "model.created": {
    entity: "asset_model",
    data: z.object({ name: z.string(), manufacturerId: id, categoryId: optionalId }),
  },
  "model.updated": { entity: "asset_model", data: z.object({ name: z.string(), changes }) },
  "status.created": {
    entity: "status",
    data: z.object({ label: z.string(), kind: z.string(), isDefault: z.boolean() }),
  },
  "status.updated": { entity: "status", data: z.object({ label: z.string(), changes }) },
  "status.default_changed": {
    entity: "status",
    data: z.object({ label: z.string(), kind: z.string(), previousDefaultId: optionalId }),
  },
  "status.deleted": { entity: "status", data: z.object({ label: z.string(), kind: z.string() }) },
  "location.created": {
    entity: "location",
    data: z.object({
      name: z.string(),
      kind: z.string(),
      parentId: optionalId,
      itContactUserId: optionalId.optional(),
      via: z.string().optional(),
    }),
  },
  "location.updated": { entity: "location", data: z.object({ name: z.string(), changes }) },
  "location.moved": {
    entity: "location",
    data: z.object({ name: z.string(), fromParentId: optionalId, toParentId: optionalId }),
  },
  "location.deleted": {
    entity: "location",
    data: z.object({
      name: z.string(),
      kind: z.string(),
      reassignedTo: optionalId,
      moved: z.object({ assets: z.number(), children: z.number(), employees: z.number() }),
    }),
  },

  // assets
  "asset.created": {
    entity: "asset",
    data: z.object({ tag: z.string(), name: z.string(), status: z.string() }),
  },
  "asset.updated": { entity: "asset", data: z.object({ tag: z.string(), changes }) },
  "asset.assigned": {
    entity: "asset",
    data: z.object({ tag: z.string(), employeeId: id, expectedReturnAt: z.string().nullable().optional() }),
  },
  "asset.returned": {
    entity: "asset",
    data: z.object({
      tag: z.string(),
      employeeId: id,
      condition: z.string().optional(),
      toStatus: z.string(),
      /** The lifecycle kind returned into (in_stock, in_repair, ...); absent on events before it was recorded. */
      toKind: z.string().optional(),
    }),
  },
  "asset.transferred": {
    entity: "asset",
    data: z.object({ tag: z.string(), fromEmployeeId: id, toEmployeeId: id }),
  },
  "asset.status_changed": {
    entity: "asset",
    data: z.object({
      tag: z.string(),
      from: z.string(),
      to: z.string(),
      kind: z.string(),
      notes: z.string().optional(),
    }),
  },
  "asset.retired": { entity: "asset", data: z.object({ tag: z.string(), disposed: z.boolean() }) },
  /** Seen in a physical audit: found where expected, or found elsewhere and moved to the audited location. */
  "asset.audited": {
    entity: "asset",
    data: z.object({
      tag: z.string(),
      auditId: id,
      outcome: z.enum(["found", "relocated"]),
      fromLocationId: optionalId,
    }),
  },
  /** The holder accepted the asset under the equipment terms (the signed PDF is attached). */
  "asset.receipt_accepted": {
    entity: "asset",
    data: z.object({
      tag: z.string(),
      employeeId: id,
      termsVersion: z.number(),
      signatureMethod: z.enum(["typed", "drawn"]),
      fileId: id,
    }),
  },
  /** The holder refused the asset: IT staff follow up with them. */
  "asset.receipt_declined": {
    entity: "asset",
    data: z.object({ tag: z.string(), employeeId: id, reason: z.string() }),
  },
  /**
   * The holder of an unanswered receipt was reminded to accept or decline it: by the reminder
   * cron (`schedule`) or by IT staff ("Remind now"). `reminder` counts them for this assignment.
   */
  "asset.receipt_reminded": {
    entity: "asset",
    data: z.object({
      tag: z.string(),
      employeeId: id,
      assignmentId: id,
      reminder: z.number().int(),
      via: z.enum(["schedule", "manual"]),
    }),
  },
  /**
   * The daily warranty check found assets whose warranty ends within `thresholdDays` (30, then 7)
   * and told no one yet: one event per tenant and threshold and run, about the tenant, listing the
   * first of them (`count` is all of them) so hundreds ending together make one notice, not
   * hundreds. warranty_notices records each (asset, warranty end, threshold) told.
   */
  "asset.warranties_expiring": {
    entity: "tenant",
    data: z.object({
      thresholdDays: z.union([z.literal(30), z.literal(7)]),
      count: z.number().int().positive(),
      assets: z.array(z.object({ id, tag: z.string(), name: z.string(), warrantyEnd: z.string() })).min(1),
    }),
  },
  /** Expected at an audited location but not scanned before the audit closed. */
  "asset.reported_missing": {
    entity: "asset",
    data: z.object({ tag: z.string(), auditId: id, locationId: id }),
  },
  "asset_audit.started": {
    entity: "asset_audit",
    data: z.object({ locationId: id, locationName: z.string() }),
  },
  "asset_audit.closed": {
    entity: "asset_audit",
    data: z.object({
      locationId: id,
      locationName: z.string(),
      expected: z.number(),
      found: z.number(),
      missing: z.number(),
      unexpected: z.number(),
      unknown: z.number(),
    }),
  },
  /**
   * The columns of an uploaded import were mapped: its dry run (check-asset-import) checks every
   * row in the background. `generation` numbers the dry runs of one import; the newest wins.
   */
  "asset_import.mapped": {
    entity: "asset_import",
    data: z.object({ fileName: z.string(), generation: z.number().int(), totalRows: z.number() }),
  },
  /** The user confirmed a validated CSV import: triggers the import-assets function. */
  "asset_import.confirmed": {
    entity: "asset_import",
    data: z.object({
      fileName: z.string(),
      mode: z.enum(importModes),
      totalRows: z.number(),
      validRows: z.number(),
    }),
  },
  /** An import finished: each imported asset also has its own asset.created (and asset.assigned). */
  "asset_import.completed": {
    entity: "asset_import",
    data: z.object({
      fileName: z.string(),
      mode: z.enum(importModes),
      outcome: z.enum(["completed", "failed"]),
      imported: z.number(),
      skipped: z.number(),
      error: z.string().optional(),
    }),
  },
  /**
   * A user stopped an import before it finished: from the dry run (`stage` uploaded/validated,
   * nothing written) or while it was writing. `imported` rows were written before the cancel and
   * stay (valid_only); an all_or_nothing import writes nothing. No asset_import.completed follows.
   */
  "asset_import.cancelled": {
    entity: "asset_import",
    data: z.object({
      fileName: z.string(),
      stage: z.enum(["uploaded", "validating", "validated", "importing"]),
      mode: z.enum(importModes).nullable(),
      imported: z.number(),
    }),
  },

  // employee CSV imports (server/employees/import), through the asset import's pipeline
  /** A user mapped an employee file's columns: triggers its dry run (check-employee-import). */
  "employee_import.mapped": {
    entity: "employee_import",
    data: z.object({ fileName: z.string(), generation: z.number().int(), totalRows: z.number() }),
  },
  /** The user confirmed a checked employee file: triggers the import-employees function. */
  "employee_import.confirmed": {
    entity: "employee_import",
    data: z.object({ fileName: z.string(), totalRows: z.number(), validRows: z.number() }),
  },
  /**
   * An employee import ended: each person it created or changed also has their own
   * employee.created or employee.updated; `failed` rows had problems and were not written.
   */
  "employee_import.completed": {
    entity: "employee_import",
    data: z.object({
      fileName: z.string(),
      outcome: z.enum(["completed", "failed"]),
      created: z.number(),
      updated: z.number(),
      unchanged: z.number(),
      failed: z.number(),
      error: z.string().optional(),
    }),
  },
  /** A user stopped an employee import; the `imported` rows written before the cancel stay. */
  "employee_import.cancelled": {
    entity: "employee_import",
    data: z.object({
      fileName: z.string(),
      stage: z.enum(["uploaded", "validating", "validated", "importing"]),
      imported: z.number(),
    }),
  },

  // employees
  // Personal fields (sensitive-fields.ts) appear by name only, never by value.
  "employee.created": {
    entity: "employee",
    data: z.object({
      name: z.string(),
      hireDate: z.string().nullable().optional(),
      personalFields: z.array(z.string()).optional(),
    }),
  },
  "employee.updated": {
    entity: "employee",
    data: z.object({ changes, personalFieldsChanged: z.array(z.string()).optional() }),
  },
  "employee.synced": {
    entity: "employee",
    data: z.object({
      integrationId: id,
      provider: z.string(),
      created: z.boolean(),
      changes: changes.optional(),
    }),
  },
  "employee.terminated": {
    entity: "employee",
    data: z.object({ terminatedAt: z.string(), reason: z.string().optional() }),
  },
  "employee.reactivated": {
    entity: "employee",
    data: z.object({ previousTerminationDate: z.string().nullable().optional() }),
  },
  /** Someone read an employee's personal fields: which ones, never their values. */
  "employee.sensitive_revealed": {
    entity: "employee",
    data: z.object({ fields: z.array(z.string()).min(1) }),
  },

  // the portal's equipment requests (server/portal): an approval starts a procurement workflow
  "equipment_request.submitted": {
    entity: "equipment_request",
    data: z.object({
      employeeId: id,
      category: z.string(),
      item: z.string(),
      neededBy: z.string().nullable(),
    }),
  },
  "equipment_request.approved": {
    entity: "equipment_request",
    data: z.object({
      employeeId: id,
      category: z.string(),
      item: z.string(),
      comment: z.string().nullable(),
    }),
  },
  "equipment_request.declined": {
    entity: "equipment_request",
    data: z.object({ employeeId: id, category: z.string(), item: z.string(), reason: z.string() }),
  },
  /** An admin published a new version of the equipment terms (a category's own, or the default). */
  "equipment_terms.published": {
    entity: "equipment_terms",
    data: z.object({ categoryId: id.nullable(), category: z.string().nullable(), version: z.number().int() }),
  },
  /** The employee took back a request nobody had decided yet. */
  "equipment_request.withdrawn": {
    entity: "equipment_request",
    data: z.object({ employeeId: id, category: z.string(), item: z.string() }),
  },

  // workflows (server/workflows): `kind` is a workflow kind (server/workflows/schemas.ts)
  "workflow_template.created": {
    entity: "workflow_template",
    data: z.object({
      kind: z.string(),
      name: z.string(),
      version: z.number().int(),
      /** "defaults": provisioned for a new organization; "copy": an admin copied `copiedFrom`. */
      via: z.enum(["defaults", "copy"]),
      copiedFrom: id.optional(),
    }),
  },
  "workflow.created": {
    entity: "workflow",
    data: z.object({
      kind: z.string(),
      title: z.string(),
      templateId: id,
      templateVersion: z.number().int(),
      steps: z.number().int(),
      employeeId: optionalId,
      assetId: optionalId,
      triggerEventId: optionalId,
    }),
  },
  "workflow.step_completed": {
    entity: "workflow",
    data: z.object({
      stepId: id,
      step: z.string(),
      outcome: z.string().optional(),
      evidenceFileId: id.optional(),
      notes: z.string().optional(),
    }),
  },
  "workflow.step_skipped": {
    entity: "workflow",
    data: z.object({ stepId: id, step: z.string(), reason: z.string() }),
  },
  "workflow.step_approved": {
    entity: "workflow",
    data: z.object({ stepId: id, step: z.string(), comment: z.string().optional() }),
  },
  /** A rejected approval blocks the workflow until the step is approved or skipped. */
  "workflow.step_rejected": {
    entity: "workflow",
    data: z.object({ stepId: id, step: z.string(), reason: z.string() }),
  },
  "workflow.step_reassigned": {
    entity: "workflow",
    data: z.object({ stepId: id, step: z.string(), toUserId: optionalId, toRole: role.nullable() }),
  },
  /** Reported once per step by the deadline sweep, when its due date has passed with it open. */
  "workflow.step_overdue": {
    entity: "workflow",
    data: z.object({ stepId: id, step: z.string(), dueAt: z.string() }),
  },
  /** Every step done: automation feeds the result back (asset in stock, retired, returned...). */
  "workflow.completed": {
    entity: "workflow",
    data: z.object({
      kind: z.string(),
      outcome: z.string().nullable(),
      employeeId: optionalId,
      assetId: optionalId,
    }),
  },
  /**
   * A step waiting on another workflow (the onboarding's hand-over on the laptop's procurement)
   * can be completed now: `byWorkflowId` completed, for the same employee.
   */
  "workflow.step_unblocked": {
    entity: "workflow",
    data: z.object({ stepId: id, step: z.string(), byWorkflowId: id, kind: z.string() }),
  },
  "workflow.cancelled": {
    entity: "workflow",
    data: z.object({ kind: z.string(), reason: z.string() }),
  },
  /**
   * A step still open long after its due date, escalated once by the deadline sweep: to the
   * assignee's manager, else the workflow's owner, else the admins (`toUserIds`, who are told).
   */
  "workflow.step_escalated": {
    entity: "workflow",
    data: z.object({
      stepId: id,
      step: z.string(),
      dueAt: z.string(),
      hoursOverdue: z.number().int(),
      escalatedTo: z.enum(["manager", "owner", "admins"]),
      toUserIds: z.array(id),
    }),
  },
  /** An admin changed an automation rule (entity: the rule's key): each changed setting. */
  "workflow_rule.updated": {
    entity: "workflow_rule",
    data: z.object({ changes }),
  },
  /** A template edited: a new version that new workflows start from; running ones keep theirs. */
  "workflow_template.updated": {
    entity: "workflow_template",
    data: z.object({
      kind: z.string(),
      name: z.string(),
      version: z.number().int(),
      steps: z.number().int(),
    }),
  },

  // integrations (server/integrations): credentials appear by field name only, never by value
  "integration.created": {
    entity: "integration",
    data: z.object({ provider: z.string(), name: z.string(), schedule: z.string() }),
  },
  "integration.updated": {
    entity: "integration",
    data: z.object({ name: z.string(), changes, credentialsReplaced: z.array(z.string()).optional() }),
  },
  "integration.enabled": { entity: "integration", data: z.object({ name: z.string() }) },
  "integration.disabled": { entity: "integration", data: z.object({ name: z.string() }) },
  "integration.removed": {
    entity: "integration",
    data: z.object({ provider: z.string(), name: z.string() }),
  },
  /** A sync was queued (schedule, "Sync now", or a retry resuming a failed run): the sync function runs it. */
  "integration.sync_requested": {
    entity: "integration",
    data: z.object({
      integrationId: id,
      runId: id,
      mode: z.enum(["full", "incremental"]),
      trigger: z.enum(["schedule", "manual", "retry"]),
    }),
  },
  "integration.sync_completed": {
    entity: "integration",
    data: z.object({
      integrationId: id,
      runId: id,
      status: z.enum(["succeeded", "partial"]),
      counts: z.object({
        pages: z.number().int(),
        added: z.number().int(),
        updated: z.number().int(),
        unchanged: z.number().int(),
        skipped: z.number().int(),
        failed: z.number().int(),
      }),
    }),
  },
  /** A sync finally failed (after its retries, or at once for rejected credentials): admins are told. */
  "integration.sync_failed": {
    entity: "integration",
    data: z.object({
      integrationId: id,
      runId: id,
      integrationName: z.string(),
      error: z.string(),
      errorKind: z.string().nullable(),
    }),
  },

  // the endpoint agent (server/agent): devices enroll with a token, then check in as actor `agent`
  "agent.token_created": {
    entity: "agent_enrollment_token",
    data: z.object({ name: z.string(), prefix: z.string(), expiresAt: z.string() }),
  },
  "agent.token_revoked": {
    entity: "agent_enrollment_token",
    data: z.object({ name: z.string(), prefix: z.string() }),
  },
  "agent.device_enrolled": {
    entity: "agent_device",
    data: z.object({ hostname: z.string(), tokenId: id, tokenName: z.string() }),
  },
  "agent.credential_rotated": {
    entity: "agent_device",
    data: z.object({ hostname: z.string(), by: z.enum(["device", "admin"]) }),
  },
  "agent.device_revoked": { entity: "agent_device", data: z.object({ hostname: z.string() }) },
  /** A device matched no asset and waits in the review queue. */
  "agent.device_discovered": {
    entity: "agent_device",
    data: z.object({ hostname: z.string(), serial: z.string().nullable() }),
  },
  /** Linked to an asset: matched on check-in (serial, mac, hostname), created in stock, or chosen by staff. */
  "agent.device_linked": {
    entity: "agent_device",
    data: z.object({
      hostname: z.string(),
      assetId: id,
      tag: z.string(),
      via: z.enum(["serial", "mac", "hostname", "created", "accepted", "manual"]),
      replacedDeviceId: optionalId,
    }),
  },
  "agent.device_ignored": { entity: "agent_device", data: z.object({ hostname: z.string() }) },
  /** What the agent reported changed (hardware, OS): each field with its before and after. */
  "asset.hardware_changed": {
    entity: "asset",
    data: z.object({ tag: z.string(), deviceId: id, changes }),
  },
  /** The installed software changed: up to 100 names per list, the counts say how many in all. */
  "asset.software_changed": {
    entity: "asset",
    data: z.object({
      tag: z.string(),
      deviceId: id,
      installed: z.array(z.object({ name: z.string(), version: z.string() })),
      removed: z.array(z.object({ name: z.string(), version: z.string() })),
      updated: z.array(z.object({ name: z.string(), from: z.string(), to: z.string() })),
      counts: z.object({ installed: z.number(), removed: z.number(), updated: z.number() }),
    }),
  },

  // software licences (server/licenses): assignments name the employee, so their history shows them
  "license.created": {
    entity: "license",
    data: z.object({
      name: z.string(),
      vendor: z.string().nullable(),
      seats: z.number().int().nullable(),
      expiresOn: z.string().nullable(),
    }),
  },
  "license.updated": { entity: "license", data: z.object({ name: z.string(), changes }) },
  /** No longer in use: hidden from pickers and the expiry scan; its holders were revoked first. */
  "license.archived": { entity: "license", data: z.object({ name: z.string() }) },
  "license.assigned": {
    entity: "license",
    data: z.object({
      name: z.string(),
      employeeId: id,
      assignmentId: id,
      seatsUsed: z.number().int(),
      seats: z.number().int().nullable(),
    }),
  },
  "license.revoked": {
    entity: "license",
    data: z.object({ name: z.string(), employeeId: id, assignmentId: id, reason: z.string() }),
  },
  /** The daily scan: a licence in use expires within `thresholdDays` (30, then 7); once per threshold and date. */
  "license.expiring": {
    entity: "license",
    data: z.object({
      name: z.string(),
      vendor: z.string().nullable(),
      expiresOn: z.string(),
      thresholdDays: z.number().int(),
      daysLeft: z.number().int(),
      seatsUsed: z.number().int(),
    }),
  },
  /**
   * The weekly scan: fewer than half of a licence's seats are held, past its first 30 days; at most
   * once in 30 days per licence. `idleCost` is the idle seats' cost per seat period, when priced.
   */
  "license.underused": {
    entity: "license",
    data: z.object({
      name: z.string(),
      vendor: z.string().nullable(),
      seats: z.number().int(),
      seatsUsed: z.number().int(),
      idleCost: z.number().nullable(),
      currency: z.string(),
    }),
  },

  // files
  /**
   * File events name what the file belongs to (`attachedTo`), and `assetId` / `employeeId` when it
   * is an asset's or an employee's, so the file shows in that record's history. An upload is
   * pending until attached; the sweep deletes what is never attached (actor: the system).
   */
  "file.uploaded": {
    entity: "file",
    data: z.object({ name: z.string(), purpose: z.string(), size: z.number(), contentType: z.string() }),
  },
  "file.attached": { entity: "file", data: fileData.extend({ size: z.number() }) },
  "file.renamed": { entity: "file", data: fileData.extend({ changes }) },
  "file.deleted": { entity: "file", data: fileData.extend({ reason: z.string() }) },
  /** A download of a file whose reading is itself audited (an employee's documents). */
  "file.downloaded": { entity: "file", data: fileData },
} as const satisfies Record<string, { entity: string; data: z.ZodType }>;

export type EventName = keyof typeof eventCatalog;
export type EventData<N extends EventName> = z.infer<(typeof eventCatalog)[N]["data"]>;
export const eventNames = Object.keys(eventCatalog) as EventName[];

export const actorSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("user"), id: z.string(), label: z.string() }),
  z.object({ type: z.literal("system"), id: z.string().nullable().default(null), label: z.string() }),
  z.object({ type: z.literal("integration"), id: z.string(), label: z.string() }),
  z.object({ type: z.literal("agent"), id: z.string(), label: z.string() }),
]);
export type Actor = z.infer<typeof actorSchema>;

export const systemActor = (label = "Assetronics"): Actor => ({ type: "system", id: null, label });
