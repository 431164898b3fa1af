import type { EventName } from "@/inngest/events";
import type { NotificationType } from "./types";

/**
 * What produces each notification type: the catalog event(s) and the function that notifies on
 * them. A test walks it (every type produced, every event in the catalog, every function
 * registered and triggered by its event), so a type nothing sends cannot be added silently.
 */
export const notificationTriggers: Record<NotificationType, { events: EventName[]; functionIds: string[] }> =
  {
    asset_assigned: { events: ["asset.assigned"], functionIds: ["notify-asset-assigned"] },
    asset_returned: { events: ["asset.returned"], functionIds: ["notify-asset-returned"] },
    asset_transferred: { events: ["asset.transferred"], functionIds: ["notify-asset-transferred"] },
    employee_terminated: { events: ["employee.terminated"], functionIds: ["notify-employee-terminated"] },
    password_reset_requested: {
      events: ["user.password_reset_requested"],
      functionIds: ["notify-password-reset-requested"],
    },
    sign_up_attempted_existing: {
      events: ["user.sign_up_attempted_existing"],
      functionIds: ["notify-sign-up-attempted-existing"],
    },
    equipment_request_decided: {
      events: ["equipment_request.approved", "equipment_request.declined"],
      functionIds: ["notify-request-approved", "notify-request-declined"],
    },
    receipt_reminder: { events: ["asset.receipt_reminded"], functionIds: ["notify-receipt-reminder"] },
    integration_sync_failed: {
      events: ["integration.sync_failed"],
      functionIds: ["notify-integration-sync-failed"],
    },
    workflow_step_overdue: {
      events: ["workflow.step_overdue"],
      functionIds: ["notify-workflow-step-overdue"],
    },
    workflow_step_escalated: {
      events: ["workflow.step_escalated"],
      functionIds: ["notify-workflow-step-escalated"],
    },
    workflow_assigned: { events: ["workflow.created"], functionIds: ["notify-workflow-assigned"] },
    workflow_step_assigned: {
      events: ["workflow.step_reassigned", "workflow.step_unblocked"],
      functionIds: ["notify-workflow-step-assigned", "notify-workflow-step-unblocked"],
    },
    workflow_completed: { events: ["workflow.completed"], functionIds: ["notify-workflow-completed"] },
    receipt_declined: { events: ["asset.receipt_declined"], functionIds: ["notify-receipt-declined"] },
    warranty_expiring: {
      events: ["asset.warranties_expiring"],
      functionIds: ["notify-warranties-expiring"],
    },
    new_hire_synced: { events: ["employee.created"], functionIds: ["notify-new-hire-synced"] },
    integration_sync_completed: {
      events: ["integration.sync_completed"],
      functionIds: ["notify-integration-sync-completed"],
    },
    license_expiring: { events: ["license.expiring"], functionIds: ["notify-license-expiring"] },
    license_underused: { events: ["license.underused"], functionIds: ["notify-license-underused"] },
    report_asset_assigned: { events: ["asset.assigned"], functionIds: ["notify-asset-assigned"] },
  };
