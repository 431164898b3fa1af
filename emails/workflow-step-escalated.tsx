import { Text } from "@react-email/components";
import { EmailButton, type EmailFrame, EmailLayout } from "./layout";

export type WorkflowStepEscalatedEmailProps = EmailFrame & {
  recipientName: string;
  stepTitle: string;
  workflowTitle: string;
  /** Who the step is assigned to: a person's name, or a role ("IT staff"). */
  assignee: string;
  dueAt: string;
  hoursOverdue: number;
  /** Why this recipient: the assignee's manager, the workflow's owner, or an admin. */
  as: "manager" | "owner" | "admins";
  link: string;
};

export const workflowStepEscalatedSubject = (props: WorkflowStepEscalatedEmailProps) =>
  `Escalated: ${props.stepTitle} is ${props.hoursOverdue} hours overdue`;

const why: Record<WorkflowStepEscalatedEmailProps["as"], string> = {
  manager: "You manage the person it is assigned to.",
  owner: "You own this workflow.",
  admins: "It has no manager or owner to go to, so it comes to the admins.",
};

/** To the assignee's manager, else the workflow's owner, else the admins: a step left open too long. */
export function WorkflowStepEscalatedEmail(props: WorkflowStepEscalatedEmailProps) {
  return (
    <EmailLayout
      tenantName={props.tenantName}
      appUrl={props.appUrl}
      preview={workflowStepEscalatedSubject(props)}
    >
      <Text>Hello {props.recipientName},</Text>
      <Text>
        "{props.stepTitle}" in {props.workflowTitle}, assigned to {props.assignee}, was due {props.dueAt} and
        is still open {props.hoursOverdue} hours later. {why[props.as]}
      </Text>
      <Text>Nudge the assignee, reassign the step, or complete it yourself.</Text>
      <EmailButton href={props.link}>Open the workflow</EmailButton>
    </EmailLayout>
  );
}
