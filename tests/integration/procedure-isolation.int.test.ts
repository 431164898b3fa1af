import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { DatabaseHandle } from "@/db";
import { getImport, importProblemsPage } from "@/server/assets/import/queries";
import { runDryRun, runImportDryRun } from "@/server/assets/import/services/run-import-dry-run";
import { type Db, withTenant } from "@/server/db";
import { prepareEmployeeImport } from "@/server/employees/import/prepare";
import { getEmployeeImport } from "@/server/employees/import/queries";
import { notificationTypes } from "@/server/notifications/types";
import { appRouter } from "@/server/router";
import type { Access } from "@/server/trpc";
import { generationOf } from "../factories/imports";
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
 * Route handlers get the same through their real handlers in route-isolation.int.test.ts.
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
const ALPHA_SID = `AC${"a1".repeat(16)}`;
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
  "files.list": [
    answering(
      (b) => ({ owner: { type: "asset", id: b.assets.assigned.id } }),
      (answer) => expect(answer).toEqual([]),
    ),
    answering(
      (b) => ({ owner: { type: "employee", id: b.holder.id } }),
      (answer) => expect(answer).toEqual([]),
    ),
    answering(
      (b) => ({ owner: { type: "asset_import", id: b.import.id } }),
      (answer) => expect(answer).toEqual([]),
    ),
  ],
  "files.attach": [
    to((b, a) => ({ fileIds: [b.files.pending.id], owner: { type: "asset", id: a.assets.stock.id } })),
    to((b, a) => ({ fileIds: [a.files.pending.id], owner: { type: "asset", id: b.assets.assigned.id } })),
  ],
  "files.rename": [to((b) => ({ id: b.files.photo.id, name: "Renamed.png" }))],
  "files.delete": [to((b) => ({ id: b.files.contract.id, reason: "Not ours to delete" }))],
  "files.usage": [noInput],

  // Integrations: B's integration and runs are out of reach; a form's test never reads B's secrets.
  "integrations.catalog": [noInput],
  "integrations.list": [answering(noInput.input, (answer) => expect(answer).toEqual([]))],
  "integrations.get": [to((b) => ({ id: b.integration.id }))],
  "integrations.create": [
    succeeds((b) => ({
      provider: "bamboohr",
      name: b.integration.name,
      credentials: { apiKey: "alpha-key-0000" },
      options: { companyDomain: "alpha" },
    })),
  ],
  "integrations.update": [
    to((b) => ({ id: b.integration.id, name: "Taken over" })),
    to((b) => ({ id: b.integration.id, credentials: { apiKey: "replaced-key-0000" } })),
  ],
  "integrations.setEnabled": [to((b) => ({ id: b.integration.id, enabled: false }))],
  "integrations.remove": [to((b) => ({ id: b.integration.id }))],
  "integrations.testConnection": [to((b) => ({ id: b.integration.id }))],
  "integrations.syncNow": [
    to((b) => ({ id: b.integration.id })),
    to((b) => ({ id: b.integration.id, full: true })),
  ],
  "integrations.runs": [to((b) => ({ id: b.integration.id }))],
  "integrations.run": [to((b) => ({ runId: b.integration.runId }))],
  "integrations.health": [to((b) => ({ id: b.integration.id }))],

  // Notifications are the caller's own: B's ids mark nothing read, lists and counts hold none of B's.
  "notifications.list": [
    answering(
      () => ({ timeZone: "UTC" }),
      (answer) => expect(field(answer, "days")).toEqual([]),
    ),
  ],
  "notifications.unreadCount": [answering(noInput.input, (answer) => expect(field(answer, "count")).toBe(0))],
  "notifications.markRead": [
    answering(
      (b) => ({ ids: [b.notification.notificationId] }),
      (answer) => expect(field(answer, "updated")).toBe(0),
    ),
  ],
  "notifications.markAllRead": [
    answering(noInput.input, (answer) => expect(field(answer, "updated")).toBe(0)),
  ],
  "notifications.preferences": [noInput],
  "notifications.setPreference": [
    answering(
      () => ({ type: "asset_assigned", channel: "email", enabled: false }),
      (answer) => expect(field(answer, "rows")).toHaveLength(notificationTypes.length),
    ),
  ],
  "notifications.setQuietHours": [
    answering(
      () => ({ quietHours: { start: "22:00", end: "07:00", timeZone: "Europe/Paris" } }),
      (answer) =>
        expect(field(answer, "quietHours")).toEqual({
          start: "22:00",
          end: "07:00",
          timeZone: "Europe/Paris",
        }),
    ),
  ],
  "notifications.mailPreview.list": [
    answering(
      () => ({}),
      (answer) => expect(answer).toEqual([]),
    ),
  ],
  "notifications.mailPreview.get": [to((b) => ({ id: b.notification.mailPreviewId }))],
  "notifications.setSettings": [
    answering(
      () => ({ digestHour: 9, digestTimeZone: "UTC" }),
      (answer) => expect(field(answer, "settings")).toMatchObject({ digestHour: 9, phoneHint: null }),
    ),
  ],
  "notifications.pushKey": [noInput],
  "notifications.subscribePush": [
    answering(
      () => ({
        endpoint: "https://push.example.test/probe",
        keys: { p256dh: `B${"A".repeat(86)}`, auth: "A".repeat(22) },
        label: "Probe browser",
      }),
      (answer) => expect(field(answer, "pushSubscriptions")).toHaveLength(1),
    ),
  ],
  "notifications.unsubscribePush": [succeeds(() => ({ endpoint: "https://push.example.test/elsewhere" }))],
  "notifications.roleDefaults.list": [noInput],
  "notifications.roleDefaults.set": [
    succeeds(() => ({ role: "employee", type: "asset_assigned", channel: "sms", enabled: true })),
  ],
  "notifications.deliveries.failed": [
    answering(
      () => ({}),
      (answer) => expect(answer).toEqual([]),
    ),
  ],
  "notifications.deliveries.chart": [succeeds(() => ({ timeZone: "UTC" }))],
  "notifications.deliveries.retry": [to((b) => ({ id: b.notification.deliveryId }))],
  // Team chat: B's destination is out of reach, and never posted to from A.
  "notifications.chat.settings": [
    answering(noInput.input, (answer) => expect(field(answer, "destinations")).toEqual([])),
  ],
  "notifications.chat.add": [
    answering(
      () => ({
        kind: "slack_webhook",
        name: "Alpha chat",
        webhookUrl: "https://hooks.example.test/services/T0ALPHA/B0ALPHA/alpha",
      }),
      (answer) => expect(field(field(answer, "settings"), "destinations")).toHaveLength(1),
    ),
  ],
  "notifications.chat.setEnabled": [to((b) => ({ destinationId: b.chat.id, enabled: false }))],
  "notifications.chat.remove": [to((b) => ({ destinationId: b.chat.id }))],
  "notifications.chat.setRoute": [
    to((b) => ({ destinationId: b.chat.id, type: "receipt_declined", routed: true })),
    to((b) => ({ destinationId: b.chat.id, type: "asset_assigned", routed: false })),
  ],
  "notifications.chat.sendTest": [to((b) => ({ destinationId: b.chat.id }))],
  "notifications.chat.update": [
    to((b) => ({ destinationId: b.chat.id, kind: "slack_webhook", name: "Hijacked" })),
    to((b) => ({
      destinationId: b.chat.id,
      kind: "slack_webhook",
      name: "Hijacked",
      webhookUrl: "https://hooks.example.test/services/T0ALPHA/B0ALPHA/hijack",
    })),
  ],
  // SMS: A's own account only (no input names a tenant); B's account is never read or used.
  "notifications.sms.settings": [
    answering(noInput.input, (answer) => expect(field(answer, "account")).toBeNull()),
  ],
  "notifications.sms.save": [
    answering(
      () => ({ accountSid: ALPHA_SID, authToken: "a1".repeat(16), sender: "+15005550006", enabled: true }),
      (answer) =>
        expect(field(answer, "account")).toMatchObject({ accountSid: ALPHA_SID, tokenHint: "••••a1a1" }),
    ),
  ],
  "notifications.sms.setEnabled": [
    answering(
      () => ({ enabled: false }),
      (answer) => expect(field(answer, "account")).toMatchObject({ accountSid: ALPHA_SID, enabled: false }),
    ),
  ],
  "notifications.sms.remove": [
    answering(noInput.input, (answer) => expect(field(answer, "account")).toBeNull()),
  ],
  // A's account was removed above: refused, rather than texting with B's
  "notifications.sms.sendTest": [to(() => ({ phone: "+15005550010" }))],
  "notifications.textPreview.list": [
    answering(
      () => ({}),
      (answer) => expect(answer).toEqual([]),
    ),
  ],

  // The portal finds "me" from the session: B's ids name nothing A's user holds.
  "portal.myEquipment": [answering(noInput.input, (answer) => expect(field(answer, "assets")).toEqual([]))],
  "portal.myAsset": [to((b) => ({ assetId: b.assets.assigned.id }))],
  "portal.declineReceipt": [to((b) => ({ assetId: b.assets.assigned.id, reason: "Not mine" }))],
  "portal.reportProblem": [
    to((b) => ({ assetId: b.assets.assigned.id, kind: "stolen", description: "Taken" })),
  ],
  "portal.receiptOf": [to((b) => ({ assetId: b.assets.assigned.id }))],
  "portal.myTasks": [noInput],
  "portal.requests.categories": [noInput],
  "portal.requests.mine": [noInput],
  "portal.requests.submit": [to((b) => ({ categoryId: b.category.id, item: "Dock", reason: "For my desk" }))],
  // B's ids name no request of A's tenant
  "portal.requests.withdraw": [to((b) => ({ requestId: b.workflow.id }))],
  "portal.requests.list": [to(() => ({}))],
  "portal.requests.approve": [to((b) => ({ requestId: b.workflow.id }))],
  "portal.requests.decline": [to((b) => ({ requestId: b.workflow.id, reason: "Not ours" }))],
  "portal.receipts.pending": [to(() => ({}))],
  "portal.receipts.remind": [to((b) => ({ assetId: b.assets.assigned.id }))],
  "portal.terms.overview": [noInput],
  "portal.terms.history": [to((b) => ({ categoryId: b.category.id }))],
  "portal.terms.publish": [to((b) => ({ categoryId: b.category.id, body: "Hijacked terms" }))],

  "workflows.list": [
    to(() => ({})),
    answering(
      (b) => ({ employeeId: b.holder.id }),
      (answer) => expect(field(answer, "items")).toEqual([]),
    ),
    answering(
      (b) => ({ assetId: b.assets.assigned.id }),
      (answer) => expect(field(answer, "items")).toEqual([]),
    ),
    answering(
      (b) => ({ assigneeUserId: b.staffId }),
      (answer) => expect(field(answer, "items")).toEqual([]),
    ),
  ],
  "workflows.get": [to((b) => ({ id: b.workflow.id }))],
  "workflows.myTasks": [noInput],
  "workflows.templates": [noInput],
  "workflows.start": [
    to((b) => ({ templateId: b.workflow.templateId, employeeId: b.holder.id })),
    to((b, a) => ({ templateId: a.workflow.templateId, employeeId: b.holder.id })),
    to((b, a) => ({ templateId: a.workflow.templateId, assetId: b.assets.assigned.id })),
  ],
  "workflows.completeStep": [
    to((b) => ({ stepId: b.workflow.stepId })),
    to((b, a) => ({ stepId: a.workflow.stepId, evidenceFileId: b.files.photo.id })),
  ],
  "workflows.skipStep": [to((b) => ({ stepId: b.workflow.stepId, reason: "Not ours" }))],
  "workflows.approveStep": [to((b) => ({ stepId: b.workflow.approvalStepId }))],
  "workflows.rejectStep": [to((b) => ({ stepId: b.workflow.approvalStepId, reason: "Not ours" }))],
  "workflows.reassignStep": [
    to((b) => ({ stepId: b.workflow.stepId, assignee: { type: "role", role: "admin" } })),
    to((b, a) => ({ stepId: a.workflow.stepId, assignee: { type: "user", userId: b.staffId } })),
  ],
  "workflows.cancel": [to((b) => ({ id: b.workflow.id, reason: "Not ours" }))],
  "workflows.rules": [noInput],
  "workflows.assignees": [noInput],
  "workflows.updateRule": [
    to((b) => ({ rule: "offboarding", enabled: true, templateId: b.workflow.templateId, conditions: {} })),
    to((b) => ({
      rule: "repair",
      enabled: true,
      templateId: null,
      conditions: { categoryIds: [b.category.id] },
    })),
    to((b) => ({
      rule: "offboarding",
      enabled: true,
      templateId: null,
      conditions: { departmentIds: [b.department.id] },
    })),
  ],
  "workflows.duplicateTemplate": [to((b) => ({ templateId: b.workflow.templateId, name: "Not ours" }))],
  "workflows.updateTemplate": [
    to((b) => ({
      templateId: b.workflow.templateId,
      baseVersion: 1,
      name: "Not ours",
      steps: [{ title: "Not ours", assignee: { type: "role", value: "it_staff" } }],
    })),
    to((b, a) => ({
      templateId: a.workflow.templateId,
      baseVersion: 1,
      name: "Ours",
      steps: [{ title: "Given to B", assignee: { type: "user", value: b.staffId } }],
    })),
  ],

  "licenses.list": [to((b) => ({ q: b.license.name })), to(() => ({ q: MARKER, includeArchived: true }))],
  "licenses.get": [to((b) => ({ licenseId: b.license.id }))],
  "licenses.forEmployee": [
    answering(
      (b) => ({ employeeId: b.holder.id }),
      (answer) => expect(answer).toEqual([]),
    ),
  ],
  "licenses.create": [succeeds((b) => ({ name: `Alpha copy of ${b.license.id.slice(0, 4)}` }))],
  "licenses.update": [to((b) => ({ licenseId: b.license.id, name: "Hijacked" }))],
  "licenses.archive": [to((b) => ({ licenseId: b.license.id }))],
  "licenses.assign": [
    to((b, a) => ({ licenseId: b.license.id, employeeId: a.employee.id })),
    to((b, a) => ({ licenseId: a.license.id, employeeId: b.holder.id })),
  ],
  "licenses.revoke": [
    to((b) => ({ licenseId: b.license.id, employeeId: b.holder.id, reason: "Not ours" })),
    to((b, a) => ({ licenseId: a.license.id, employeeId: b.holder.id, reason: "Not ours" })),
  ],

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
    // a record named as a person would: B's tag, holder's name and email, or a bare id
    to((b) => ({ entity: b.assets.assigned.tag })),
    to((b) => ({ entity: b.holder.name })),
    to((b) => ({ entity: b.holder.email })),
    to((b) => ({ entityId: b.assets.assigned.id })),
  ],
  "audit.facets": [noInput],
  "audit.subject": [
    to((b) => ({ entityType: "asset", entityId: b.assets.assigned.id })),
    to((b) => ({ entityType: "employee", entityId: b.holder.id })),
  ],
  "audit.timeline": [
    to((b) => ({ entityType: "asset", entityId: b.assets.assigned.id })),
    to((b) => ({ entityType: "employee", entityId: b.holder.id })),
  ],
  "audit.verify": [noInput],
  // B's asset.assigned, which B's run was triggered by: its chain is B's alone
  "audit.chain": [to((b) => ({ eventId: b.run.trigger_event_id }))],

  "automation.overview": [noInput],
  "automation.runs": [to(() => ({})), to((b) => ({ functionId: b.run.function_id, status: "failed" }))],
  "automation.run": [to((b) => ({ runId: b.run.id }))],
  "automation.retry": [to((b) => ({ runId: b.run.id }))],
  "automation.deadLetters": [noInput],
  "automation.retryDeadLetter": [to((b) => ({ eventId: b.deadLetter.eventId }))],

  "agent.overview": [noInput],
  "agent.updateSettings": [succeeds(() => ({ unknownDevices: "review", staleDays: 9 }))],
  "agent.tokens": [noInput],
  "agent.createToken": [succeeds(() => ({ name: "Alpha laptops", expiresInDays: 3 }))],
  "agent.revokeToken": [to((b) => ({ tokenId: b.agent.tokenId }))],
  "agent.devices": [to(() => ({})), to(() => ({ status: "pending_review" }))],
  "agent.revokeDevice": [to((b) => ({ deviceId: b.agent.pendingDeviceId }))],
  "agent.rotateCredential": [to((b) => ({ deviceId: b.agent.linkedDeviceId }))],
  "agent.discovered": [noInput],
  "agent.accept": [to((b, a) => ({ deviceId: b.agent.pendingDeviceId, categoryId: a.category.id }))],
  "agent.link": [
    to((b, a) => ({ deviceId: b.agent.pendingDeviceId, assetId: a.assets.stock.id })),
    to((b) => ({ deviceId: b.agent.pendingDeviceId, assetId: b.assets.stock.id })),
  ],
  "agent.ignore": [to((b) => ({ deviceId: b.agent.pendingDeviceId }))],
  "agent.forAsset": [to((b) => ({ assetId: b.assets.assigned.id }))],
  "agent.assetSoftware": [to((b) => ({ assetId: b.assets.assigned.id }))],
  "agent.searchSoftware": [to(() => ({ name: "zoom" })), to(() => ({ name: MARKER }))],

  "dashboard.summary": [noInput],
  "dashboard.assets": [noInput],
  "dashboard.activity": [noInput],
  "dashboard.agent": [noInput],

  "tenants.settings": [noInput],
  // A's own settings: there is no way to name B's tenant
  "tenants.updateSettings": [
    answering(
      () => ({ currency: "EUR" }),
      (answer) => expect(field(answer, "currency")).toBe("EUR"),
    ),
  ],

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
    to((b) => ({ firstName: "Alpha", lastName: "Report", managerId: b.holder.id })),
  ],
  "employees.update": [
    to((b) => ({ employeeId: b.holder.id, title: "Hijacked" })),
    to((b, a) => ({ employeeId: a.employee.id, managerId: b.holder.id })),
    to((b, a) => ({ employeeId: a.employee.id, departmentId: b.department.id })),
  ],
  "employees.import.list": [noInput],
  "employees.import.get": [to((b) => ({ importId: b.employeeImport.id }))],
  "employees.import.problems": [
    to((b) => ({ importId: b.employeeImport.id })),
    { input: (_b, a) => ({ importId: a.employeeImport.id }), typed: (a) => a.employeeImport.csv },
  ],
  "employees.import.upload": [
    answering(
      (b) => ({
        fileName: "alpha.csv",
        content: `Name,Work email,Manager\nAlpha,alpha@alpha.test,${b.holder.email}\n`,
      }),
      (answer) => expect(field(answer, "columns")).toEqual(["name", "workEmail", "manager"]),
    ),
  ],
  "employees.import.validate": [
    to((b) => ({ importId: b.employeeImport.id, columns: b.employeeImport.columns })),
    {
      input: (_b, a) => ({ importId: a.employeeImport.id, columns: a.employeeImport.columns }),
      typed: (a) => a.employeeImport.csv,
      check: async (answer, _b, a) => {
        // the dry run (check-employee-import's service) in A's tenant: B's department, alias,
        // location and people are unknown in A; no problem or report names B's data
        expect(field(answer, "status")).toBe("validating");
        const checked = await employeeDryRunOf(a);
        expect(checked.view.validRows).toBe(a.employeeImport.validRows);
        expect(checked.view.problemCount).toBe(a.employeeImport.rowsNamingB);
        expect(leaked(checked.text, a.employeeImport.csv)).toEqual([]);
      },
    },
  ],
  "employees.import.confirm": [to((b) => ({ importId: b.employeeImport.id }))],
  "employees.import.cancel": [to((b) => ({ importId: b.employeeImport.id }))],
  "employees.terminate": [to((b) => ({ employeeId: b.holder.id, terminationDate: "2030-01-31" }))],
  "employees.reactivate": [to((b) => ({ employeeId: b.holder.id }))],
  "employees.linkUser": [
    to((b) => ({ employeeId: b.holder.id, userId: null })),
    to((b, a) => ({ employeeId: a.employee.id, userId: b.staffId })),
  ],
  "employees.revealPersonal": [
    to((b) => ({ employeeId: b.holder.id, fields: ["personalEmail", "nationalId", "phone"] })),
  ],
  // Blind indexes are keyed per tenant: B's exact values find nothing in A.
  "employees.findByPersonal": [
    answering(
      (b) => ({ field: "personalEmail", value: b.holder.personalEmail }),
      (answer) => expect(answer).toEqual([]),
    ),
    answering(
      (b) => ({ field: "nationalId", value: b.holder.nationalId }),
      (answer) => expect(answer).toEqual([]),
    ),
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
/** Runs A's employee dry run as check-employee-import would; its view, problems and report as text. */
async function employeeDryRunOf(a: CallingTenant) {
  const importId = a.employeeImport.id;
  const generation = await generationOf(db, a.tenantId, importId);
  await runDryRun(db, { tenantId: a.tenantId, importId, generation }, prepareEmployeeImport);
  return withTenant(db, a.tenantId, async (trx) => {
    const view = await getEmployeeImport(trx, a.tenantId, importId);
    const report = await trx
      .selectFrom("asset_import_reports")
      .select("content")
      .where("import_id", "=", importId)
      .execute();
    const page = await importProblemsPage(trx, a.tenantId, { importId, page: 1, pageSize: 200 }, "employees");
    return { view, text: JSON.stringify([view, page, report]) };
  });
}

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
  secrets = collectSecrets(before, [b.admin.email, b.sms.accountSid, b.sms.authToken]);
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
