import { Text } from "@react-email/components";
import { EmailButton, type EmailFrame, EmailLayout } from "./layout";

export type WorkflowStepAssignedEmailProps = EmailFrame & {
  recipientName: string;
  stepTitle: string;
  workflowTitle: string;
  /** An approval: the recipient approves or rejects it rather than completing it. */
  approval: boolean;
  dueAt: string | null;
  /** Who handed it over, when a person did. */
  assignedBy: string | null;
  /** Set when the step was theirs already and can be done now ("the procurement it waited on is completed"). */
  readyBecause?: string | null;
  link: string;
};

export const workflowStepAssignedSubject = (props: WorkflowStepAssignedEmailProps) =>
  `${props.readyBecause ? "Ready for you" : props.approval ? "Approval required" : "Assigned to you"}: ${props.stepTitle}`;

/**
 * To the step's new assignee (a person, or everyone of its role): it is theirs now; or to its
 * assignees when a step that waited on another workflow can be done.
 */
export function WorkflowStepAssignedEmail(props: WorkflowStepAssignedEmailProps) {
  return (
    <EmailLayout
      tenantName={props.tenantName}
      appUrl={props.appUrl}
      preview={workflowStepAssignedSubject(props)}
    >
      <Text>Hello {props.recipientName},</Text>
      <Text>
        {props.readyBecause
          ? `"${props.stepTitle}" in ${props.workflowTitle} can be done now: ${props.readyBecause}`
          : `${props.assignedBy ?? "Someone"} gave you "${props.stepTitle}" in ${props.workflowTitle}`}
        {props.dueAt ? `, due ${props.dueAt}` : ""}.{" "}
        {props.approval
          ? "It needs your approval: approve or reject it."
          : "Complete it, or reassign it if someone else should."}
      </Text>
      <EmailButton href={props.link}>Open the workflow</EmailButton>
    </EmailLayout>
  );
}
