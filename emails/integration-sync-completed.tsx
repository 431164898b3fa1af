import { Text } from "@react-email/components";
import { EmailButton, type EmailFrame, EmailLayout } from "./layout";

export type IntegrationSyncCompletedEmailProps = EmailFrame & {
  recipientName: string;
  integrationName: string;
  /** Some records were not applied; the run's page says why for each. */
  partial: boolean;
  created: number;
  updated: number;
  failed: number;
  link: string;
};

export const integrationSyncCompletedSubject = (props: IntegrationSyncCompletedEmailProps) =>
  `The ${props.integrationName} sync completed: ${props.created} created, ${props.updated} updated, ${props.failed} failed`;

/** To admins who asked for it: a sync finished, and what it changed. */
export function IntegrationSyncCompletedEmail(props: IntegrationSyncCompletedEmailProps) {
  return (
    <EmailLayout
      tenantName={props.tenantName}
      appUrl={props.appUrl}
      preview={integrationSyncCompletedSubject(props)}
    >
      <Text>Hello {props.recipientName},</Text>
      <Text>
        The {props.integrationName} sync completed: {props.created} employees created, {props.updated} updated
        and {props.failed} failed.
        {props.partial ? " The run's page names each record that was not applied, and why." : ""}
      </Text>
      <EmailButton href={props.link}>Open the integration</EmailButton>
    </EmailLayout>
  );
}
