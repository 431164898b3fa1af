import { z } from "zod";

/**
 * The event catalog: one typed schema per domain event, named `<domain>.<past_tense>`.
 * Every event also carries tenantId, actor and its entity (see EventEnvelope); `data` is what is
 * specific to the event. Updates carry `changes`: each changed field with its before and after.
 */
const changes = z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() }));
const role = z.enum(["super_admin", "admin", "it_staff", "auditor", "employee"]);

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

export const eventCatalog = {
  // tenants & accounts
  "tenant.created": { entity: "tenant", data: z.object({ name: z.string(), slug: z.string() }) },
  "tenant.suspended": { entity: "tenant", data: z.object({ name: z.string() }) },
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
  /** An admin created a single-use reset link (shown to the admin until email delivery exists). */
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
  "settings.changed": { entity: "tenant", data: z.object({ changes }) },
  "automation.run_retried": {
    entity: "automation_run",
    data: z.object({ functionId: z.string(), triggerEventName: z.string() }),
  },

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
    data: z.object({ name: z.string(), kind: z.string(), parentId: optionalId, via: z.string().optional() }),
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
  /** The user confirmed a validated CSV import: triggers the import-assets function. */
  /**
   * The columns of an uploaded import were mapped: its dry run (check-asset-import) checks every
   * row in the background. `generation` numbers the dry runs of one import; the newest wins.
   */
  "asset_import.mapped": {
    entity: "asset_import",
    data: z.object({ fileName: z.string(), generation: z.number().int(), totalRows: z.number() }),
  },
  "asset_import.confirmed": {
    entity: "asset_import",
    data: z.object({
      fileName: z.string(),
      mode: z.enum(["all_or_nothing", "valid_only"]),
      totalRows: z.number(),
      validRows: z.number(),
    }),
  },
  /** An import finished: each imported asset also has its own asset.created (and asset.assigned). */
  "asset_import.completed": {
    entity: "asset_import",
    data: z.object({
      fileName: z.string(),
      mode: z.enum(["all_or_nothing", "valid_only"]),
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
      mode: z.enum(["all_or_nothing", "valid_only"]).nullable(),
      imported: z.number(),
    }),
  },

  // employees
  "employee.created": {
    entity: "employee",
    data: z.object({ name: z.string(), hireDate: z.string().nullable().optional() }),
  },
  "employee.updated": { entity: "employee", data: z.object({ changes }) },
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
  "employee.reactivated": { entity: "employee", data: z.object({}) },

  // workflows
  "workflow.created": {
    entity: "workflow",
    data: z.object({ type: z.string(), title: z.string(), employeeId: optionalId, assetId: optionalId }),
  },
  "workflow.started": { entity: "workflow", data: z.object({ type: z.string() }) },
  "workflow.step_advanced": {
    entity: "workflow",
    data: z.object({ stepId: id, step: z.string(), assigneeId: optionalId }),
  },
  "workflow.step_approved": {
    entity: "workflow",
    data: z.object({ stepId: id, step: z.string(), comment: z.string().optional() }),
  },
  "workflow.step_rejected": {
    entity: "workflow",
    data: z.object({ stepId: id, step: z.string(), reason: z.string() }),
  },
  "workflow.overdue": { entity: "workflow", data: z.object({ stepId: optionalId, dueAt: z.string() }) },
  "workflow.completed": {
    entity: "workflow",
    data: z.object({
      type: z.string(),
      outcome: z.string().optional(),
      employeeId: optionalId,
      assetId: optionalId,
    }),
  },
  "workflow.cancelled": {
    entity: "workflow",
    data: z.object({ type: z.string(), reason: z.string().optional() }),
  },

  // integrations
  "integration.created": {
    entity: "integration",
    data: z.object({ provider: z.string(), name: z.string() }),
  },
  "integration.sync_started": {
    entity: "integration",
    data: z.object({ provider: z.string(), runId: id, trigger: z.enum(["schedule", "manual"]) }),
  },
  "integration.sync_completed": {
    entity: "integration",
    data: z.object({
      provider: z.string(),
      runId: id,
      created: z.number(),
      updated: z.number(),
      skipped: z.number(),
    }),
  },
  "integration.sync_failed": {
    entity: "integration",
    data: z.object({ provider: z.string(), runId: id, error: z.string() }),
  },

  // software, files
  "license.assigned": { entity: "license", data: z.object({ employeeId: id, seatId: optionalId }) },
  "license.revoked": { entity: "license", data: z.object({ employeeId: id, reason: z.string().optional() }) },
  "file.attached": {
    entity: "file",
    data: z.object({ name: z.string(), size: z.number(), attachedTo: z.object({ type: z.string(), id }) }),
  },
  "file.deleted": { entity: "file", data: z.object({ name: z.string() }) },
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

/** The shape every event has when it leaves the outbox (Inngest `data`). */
export type EventEnvelope<N extends EventName = EventName> = {
  id: string;
  name: N;
  tenantId: string;
  seq: number;
  actor: Actor;
  entity: { type: string; id: string };
  data: EventData<N>;
  occurredAt: string;
};
