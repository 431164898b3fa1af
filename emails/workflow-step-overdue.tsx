import { Text } from "@react-email/components";
import { EmailButton, type EmailFrame, EmailLayout } from "./layout";

export type WorkflowStepOverdueEmailProps = EmailFrame & {
  recipientName: string;
  stepTitle: string;
  workflowTitle: string;
  dueAt: string;
  link: string;
};

export const workflowStepOverdueSubject = (props: WorkflowStepOverdueEmailProps) =>
  `Overdue: ${props.stepTitle}`;

/** To whoever the step is assigned to (a person, or everyone of its role): its due date has passed. */
export function WorkflowStepOverdueEmail(props: WorkflowStepOverdueEmailProps) {
  return (
    <EmailLayout
      tenantName={props.tenantName}
      appUrl={props.appUrl}
      preview={workflowStepOverdueSubject(props)}
    >
      <Text>Hello {props.recipientName},</Text>
      <Text>
        "{props.stepTitle}" in {props.workflowTitle} was due {props.dueAt} and is still open. Complete it, or
        reassign it if someone else should.
      </Text>
      <EmailButton href={props.link}>Open the workflow</EmailButton>
    </EmailLayout>
  );
}
