import { render, toPlainText } from "@react-email/components";
import { createElement, type ReactElement } from "react";
import { AssetAssignedEmail, type AssetAssignedEmailProps, assetAssignedSubject } from "./asset-assigned";
import { AssetReturnedEmail, type AssetReturnedEmailProps, assetReturnedSubject } from "./asset-returned";
import {
  AssetTransferredEmail,
  type AssetTransferredEmailProps,
  assetTransferredSubject,
} from "./asset-transferred";
import {
  EmployeeTerminatedEmail,
  type EmployeeTerminatedEmailProps,
  employeeTerminatedSubject,
} from "./employee-terminated";
import {
  EquipmentRequestDecidedEmail,
  type EquipmentRequestDecidedEmailProps,
  equipmentRequestDecidedSubject,
} from "./equipment-request-decided";
import {
  IntegrationSyncCompletedEmail,
  type IntegrationSyncCompletedEmailProps,
  integrationSyncCompletedSubject,
} from "./integration-sync-completed";
import {
  IntegrationSyncFailedEmail,
  type IntegrationSyncFailedEmailProps,
  integrationSyncFailedSubject,
} from "./integration-sync-failed";
import {
  LicenseExpiringEmail,
  type LicenseExpiringEmailProps,
  licenseExpiringSubject,
} from "./license-expiring";
import {
  LicenseUnderusedEmail,
  type LicenseUnderusedEmailProps,
  licenseUnderusedSubject,
} from "./license-underused";
import { NewHireSyncedEmail, type NewHireSyncedEmailProps, newHireSyncedSubject } from "./new-hire-synced";
import {
  PasswordResetRequestedEmail,
  type PasswordResetRequestedEmailProps,
  passwordResetRequestedSubject,
} from "./password-reset-requested";
import {
  ReceiptDeclinedEmail,
  type ReceiptDeclinedEmailProps,
  receiptDeclinedSubject,
} from "./receipt-declined";
import {
  ReceiptReminderEmail,
  type ReceiptReminderEmailProps,
  receiptReminderSubject,
} from "./receipt-reminder";
import {
  ReportAssetAssignedEmail,
  type ReportAssetAssignedEmailProps,
  reportAssetAssignedSubject,
} from "./report-asset-assigned";
import {
  SignUpAttemptedExistingEmail,
  type SignUpAttemptedExistingEmailProps,
  signUpAttemptedExistingSubject,
} from "./sign-up-attempted-existing";
import {
  WarrantyExpiringEmail,
  type WarrantyExpiringEmailProps,
  warrantyExpiringSubject,
} from "./warranty-expiring";
import {
  WorkflowAssignedEmail,
  type WorkflowAssignedEmailProps,
  workflowAssignedSubject,
} from "./workflow-assigned";
import {
  WorkflowCompletedEmail,
  type WorkflowCompletedEmailProps,
  workflowCompletedSubject,
} from "./workflow-completed";
import {
  WorkflowStepAssignedEmail,
  type WorkflowStepAssignedEmailProps,
  workflowStepAssignedSubject,
} from "./workflow-step-assigned";
import {
  WorkflowStepEscalatedEmail,
  type WorkflowStepEscalatedEmailProps,
  workflowStepEscalatedSubject,
} from "./workflow-step-escalated";
import {
  WorkflowStepOverdueEmail,
  type WorkflowStepOverdueEmailProps,
  workflowStepOverdueSubject,
} from "./workflow-step-overdue";

/** The props of each notification type's email template. */
export type EmailProps = {
  asset_assigned: AssetAssignedEmailProps;
  asset_returned: AssetReturnedEmailProps;
  asset_transferred: AssetTransferredEmailProps;
  employee_terminated: EmployeeTerminatedEmailProps;
  password_reset_requested: PasswordResetRequestedEmailProps;
  sign_up_attempted_existing: SignUpAttemptedExistingEmailProps;
  equipment_request_decided: EquipmentRequestDecidedEmailProps;
  receipt_reminder: ReceiptReminderEmailProps;
  integration_sync_failed: IntegrationSyncFailedEmailProps;
  workflow_step_overdue: WorkflowStepOverdueEmailProps;
  workflow_step_escalated: WorkflowStepEscalatedEmailProps;
  workflow_assigned: WorkflowAssignedEmailProps;
  workflow_step_assigned: WorkflowStepAssignedEmailProps;
  workflow_completed: WorkflowCompletedEmailProps;
  receipt_declined: ReceiptDeclinedEmailProps;
  warranty_expiring: WarrantyExpiringEmailProps;
  new_hire_synced: NewHireSyncedEmailProps;
  integration_sync_completed: IntegrationSyncCompletedEmailProps;
  license_expiring: LicenseExpiringEmailProps;
  license_underused: LicenseUnderusedEmailProps;
  report_asset_assigned: ReportAssetAssignedEmailProps;
};
export type EmailType = keyof EmailProps;

export type RenderedEmail = { subject: string; html: string; text: string };

const templates: {
  [T in EmailType]: {
    subject: (props: EmailProps[T]) => string;
    element: (props: EmailProps[T]) => ReactElement;
  };
} = {
  asset_assigned: { subject: assetAssignedSubject, element: (p) => createElement(AssetAssignedEmail, p) },
  asset_returned: { subject: assetReturnedSubject, element: (p) => createElement(AssetReturnedEmail, p) },
  asset_transferred: {
    subject: assetTransferredSubject,
    element: (p) => createElement(AssetTransferredEmail, p),
  },
  employee_terminated: {
    subject: employeeTerminatedSubject,
    element: (p) => createElement(EmployeeTerminatedEmail, p),
  },
  password_reset_requested: {
    subject: passwordResetRequestedSubject,
    element: (p) => createElement(PasswordResetRequestedEmail, p),
  },
  sign_up_attempted_existing: {
    subject: signUpAttemptedExistingSubject,
    element: (p) => createElement(SignUpAttemptedExistingEmail, p),
  },
  equipment_request_decided: {
    subject: equipmentRequestDecidedSubject,
    element: (p) => createElement(EquipmentRequestDecidedEmail, p),
  },
  receipt_reminder: {
    subject: receiptReminderSubject,
    element: (p) => createElement(ReceiptReminderEmail, p),
  },
  integration_sync_failed: {
    subject: integrationSyncFailedSubject,
    element: (p) => createElement(IntegrationSyncFailedEmail, p),
  },
  workflow_step_overdue: {
    subject: workflowStepOverdueSubject,
    element: (p) => createElement(WorkflowStepOverdueEmail, p),
  },
  workflow_step_escalated: {
    subject: workflowStepEscalatedSubject,
    element: (p) => createElement(WorkflowStepEscalatedEmail, p),
  },
  workflow_assigned: {
    subject: workflowAssignedSubject,
    element: (p) => createElement(WorkflowAssignedEmail, p),
  },
  workflow_step_assigned: {
    subject: workflowStepAssignedSubject,
    element: (p) => createElement(WorkflowStepAssignedEmail, p),
  },
  workflow_completed: {
    subject: workflowCompletedSubject,
    element: (p) => createElement(WorkflowCompletedEmail, p),
  },
  receipt_declined: {
    subject: receiptDeclinedSubject,
    element: (p) => createElement(ReceiptDeclinedEmail, p),
  },
  warranty_expiring: {
    subject: warrantyExpiringSubject,
    element: (p) => createElement(WarrantyExpiringEmail, p),
  },
  new_hire_synced: { subject: newHireSyncedSubject, element: (p) => createElement(NewHireSyncedEmail, p) },
  integration_sync_completed: {
    subject: integrationSyncCompletedSubject,
    element: (p) => createElement(IntegrationSyncCompletedEmail, p),
  },
  license_expiring: {
    subject: licenseExpiringSubject,
    element: (p) => createElement(LicenseExpiringEmail, p),
  },
  license_underused: {
    subject: licenseUnderusedSubject,
    element: (p) => createElement(LicenseUnderusedEmail, p),
  },
  report_asset_assigned: {
    subject: reportAssetAssignedSubject,
    element: (p) => createElement(ReportAssetAssignedEmail, p),
  },
};

/** One notification type's email, rendered to HTML and to plain text (for clients that show only text). */
export async function renderEmail<T extends EmailType>(
  type: T,
  props: EmailProps[T],
): Promise<RenderedEmail> {
  const template = templates[type];
  const element = template.element(props);
  const html = await render(element);
  // The text from the same markup: render's plainText option renders the tree a second time to
  // convert it, which doubled the cost of every email (the doctype the HTML gains is not text).
  return { subject: template.subject(props), html, text: toPlainText(html) };
}
