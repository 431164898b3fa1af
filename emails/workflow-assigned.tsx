import { Text } from "@react-email/components";
import { EmailButton, type EmailFrame, EmailLayout } from "./layout";

export type WorkflowAssignedEmailProps = EmailFrame & {
  recipientName: string;
  workflowTitle: string;
  /** The recipient's steps, in the workflow's order: an approval is theirs to approve or reject. */
  steps: { title: string; approval: boolean; dueAt: string | null }[];
  link: string;
};

export const workflowAssignedSubject = (props: WorkflowAssignedEmailProps) =>
  `New workflow: ${props.workflowTitle}`;

/** To everyone a new workflow gives a step (a person, or everyone of a role): what is theirs, and by when. */
export function WorkflowAssignedEmail(props: WorkflowAssignedEmailProps) {
  const approvals = props.steps.filter((step) => step.approval).length;
  return (
    <EmailLayout tenantName={props.tenantName} appUrl={props.appUrl} preview={workflowAssignedSubject(props)}>
      <Text>Hello {props.recipientName},</Text>
      <Text>
        {props.workflowTitle} has started, and{" "}
        {props.steps.length === 1 ? "one step is" : `${props.steps.length} steps are`} yours:
      </Text>
      {props.steps.map((step) => (
        <Text key={step.title}>
          {step.title}
          {step.approval ? " (approval required)" : ""}
          {step.dueAt ? `, due ${step.dueAt}` : ""}
        </Text>
      ))}
      {approvals > 0 ? (
        <Text>
          Approval required: the workflow waits until you approve or reject {approvals === 1 ? "it" : "them"}.
        </Text>
      ) : null}
      <EmailButton href={props.link}>Open the workflow</EmailButton>
    </EmailLayout>
  );
}
