import type { InngestFunction } from "inngest";
import { sendPasswordResetLinkFn } from "./accounts/send-password-reset-link";
import { sendSignUpVerificationFn } from "./accounts/send-sign-up-verification";
import { checkAssetImportFn } from "./assets/check-asset-import";
import { importAssetsFn } from "./assets/import-assets";
import { reportExpiringWarrantiesFn } from "./assets/report-expiring-warranties";
import { applyDueTerminationsFn } from "./employees/apply-due-terminations";
import { checkEmployeeImportFn } from "./employees/check-employee-import";
import { importEmployeesFn } from "./employees/import-employees";
import { purgeDeletedFileFn } from "./files/purge-deleted-file";
import { sweepFilesFn } from "./files/sweep-files";
import { notifySyncCompletedFn } from "./integrations/notify-sync-completed";
import { notifySyncFailedFn } from "./integrations/notify-sync-failed";
import { requestScheduledSyncsFn } from "./integrations/request-scheduled-syncs";
import { syncIntegrationFn } from "./integrations/sync-integration";
import { reportExpiringLicensesFn } from "./licenses/report-expiring-licenses";
import { reportUnderusedLicensesFn } from "./licenses/report-underused-licenses";
import { notifyAssetAssignedFn } from "./notifications/notify-asset-assigned";
import { notifyAssetReturnedFn } from "./notifications/notify-asset-returned";
import { notifyAssetTransferredFn } from "./notifications/notify-asset-transferred";
import { notifyEmployeeTerminatedFn } from "./notifications/notify-employee-terminated";
import { notifyLicenseExpiringFn } from "./notifications/notify-license-expiring";
import { notifyLicenseUnderusedFn } from "./notifications/notify-license-underused";
import { notifyNewHireSyncedFn } from "./notifications/notify-new-hire-synced";
import { notifyPasswordResetRequestedFn } from "./notifications/notify-password-reset-requested";
import { notifyReceiptDeclinedFn } from "./notifications/notify-receipt-declined";
import { notifySignUpAttemptedExistingFn } from "./notifications/notify-sign-up-attempted-existing";
import { notifyWarrantiesExpiringFn } from "./notifications/notify-warranties-expiring";
import { notifyWorkflowAssignedFn } from "./notifications/notify-workflow-assigned";
import { notifyWorkflowCompletedFn } from "./notifications/notify-workflow-completed";
import {
  notifyWorkflowStepAssignedFn,
  notifyWorkflowStepUnblockedFn,
} from "./notifications/notify-workflow-step-assigned";
import { notifyWorkflowStepEscalatedFn } from "./notifications/notify-workflow-step-escalated";
import { notifyWorkflowStepOverdueFn } from "./notifications/notify-workflow-step-overdue";
import { retryNotificationDeliveryFn } from "./notifications/retry-notification-delivery";
import { sendDigestsFn } from "./notifications/send-digests";
import { notifyReceiptReminderFn } from "./portal/notify-receipt-reminder";
import { notifyRequestApprovedFn, notifyRequestDeclinedFn } from "./portal/notify-request-decided";
import { sendReceiptRemindersFn } from "./portal/send-receipt-reminders";
import { startRequestProcurementFn } from "./portal/start-request-procurement";
import { provisionTenantDefaultsFn } from "./tenants/provision-tenant-defaults";
import { applyWorkflowOutcomeFn } from "./workflows/apply-workflow-outcome";
import { provisionWorkflowTemplatesFn } from "./workflows/provision-workflow-templates";
import { reportOverdueStepsFn } from "./workflows/report-overdue-steps";
import { startAccessReviewFn } from "./workflows/start-access-review";
import {
  startEquipmentReturnFn,
  startLocationTransferVerificationFn,
  startTransferVerificationFn,
} from "./workflows/start-asset-movement-workflow";
import { startAssetStatusWorkflowFn, startRepairOnReturnFn } from "./workflows/start-asset-status-workflow";
import { startOffboardingFn } from "./workflows/start-offboarding";
import { startOnboardingFn, startOnboardingOnAssignmentFn } from "./workflows/start-onboarding";
import { unblockWaitingStepsFn } from "./workflows/unblock-waiting-steps";

/**
 * Every Inngest function the app serves, in one list: the serve route registers them with Inngest
 * and the embedded engine runs them. Add each `inngest/functions/<domain>/<verb-noun>.ts` here.
 */
export const functions: InngestFunction.Any[] = [
  checkAssetImportFn,
  importAssetsFn,
  applyDueTerminationsFn,
  checkEmployeeImportFn,
  importEmployeesFn,
  purgeDeletedFileFn,
  sweepFilesFn,
  syncIntegrationFn,
  requestScheduledSyncsFn,
  notifySyncFailedFn,
  notifySyncCompletedFn,
  notifyNewHireSyncedFn,
  notifyAssetAssignedFn,
  notifyAssetReturnedFn,
  notifyAssetTransferredFn,
  notifyEmployeeTerminatedFn,
  notifyPasswordResetRequestedFn,
  sendPasswordResetLinkFn,
  sendSignUpVerificationFn,
  retryNotificationDeliveryFn,
  notifyWorkflowStepOverdueFn,
  notifyWorkflowStepEscalatedFn,
  notifyWorkflowAssignedFn,
  notifyWorkflowStepAssignedFn,
  notifyWorkflowStepUnblockedFn,
  notifyWorkflowCompletedFn,
  notifyReceiptDeclinedFn,
  notifyLicenseExpiringFn,
  notifyLicenseUnderusedFn,
  sendDigestsFn,
  notifySignUpAttemptedExistingFn,
  startRequestProcurementFn,
  notifyRequestApprovedFn,
  notifyRequestDeclinedFn,
  sendReceiptRemindersFn,
  notifyReceiptReminderFn,
  provisionTenantDefaultsFn,
  provisionWorkflowTemplatesFn,
  startAssetStatusWorkflowFn,
  startRepairOnReturnFn,
  startOffboardingFn,
  startOnboardingFn,
  startOnboardingOnAssignmentFn,
  startEquipmentReturnFn,
  startTransferVerificationFn,
  startLocationTransferVerificationFn,
  startAccessReviewFn,
  applyWorkflowOutcomeFn,
  unblockWaitingStepsFn,
  reportOverdueStepsFn,
  reportExpiringWarrantiesFn,
  notifyWarrantiesExpiringFn,
  reportExpiringLicensesFn,
  reportUnderusedLicensesFn,
];
