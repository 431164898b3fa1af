import { Text } from "@react-email/components";
import { EmailButton, type EmailFrame, EmailLayout } from "./layout";

export type WorkflowCompletedEmailProps = EmailFrame & {
  recipientName: string;
  workflowTitle: string;
  /** How it ended, when its steps ask (an incident: found or confirmed lost). */
  outcome: string | null;
  link: string;
};

export const workflowCompletedSubject = (props: WorkflowCompletedEmailProps) =>
  `Completed: ${props.workflowTitle}${props.outcome ? ` (${props.outcome})` : ""}`;

/** To whoever started the workflow and everyone who had a step of it: every step is done. */
export function WorkflowCompletedEmail(props: WorkflowCompletedEmailProps) {
  return (
    <EmailLayout
      tenantName={props.tenantName}
      appUrl={props.appUrl}
      preview={workflowCompletedSubject(props)}
    >
      <Text>Hello {props.recipientName},</Text>
      <Text>
        Every step of {props.workflowTitle} is done
        {props.outcome ? `, with the outcome ${props.outcome}` : ""}. Nothing more is needed from you.
      </Text>
      <EmailButton href={props.link}>Open the workflow</EmailButton>
    </EmailLayout>
  );
}
