import { Text } from "@react-email/components";
import { EmailButton, type EmailFrame, EmailLayout } from "./layout";

export type IntegrationSyncFailedEmailProps = EmailFrame & {
  recipientName: string;
  integrationName: string;
  error: string;
  link: string;
};

export const integrationSyncFailedSubject = (props: IntegrationSyncFailedEmailProps) =>
  `The ${props.integrationName} sync failed`;

/**
 * To the tenant's admins: a sync gave up (after its retries, or at once for rejected credentials).
 * What it applied before failing stays; Sync now resumes from its last committed page.
 */
export function IntegrationSyncFailedEmail(props: IntegrationSyncFailedEmailProps) {
  return (
    <EmailLayout
      tenantName={props.tenantName}
      appUrl={props.appUrl}
      preview={integrationSyncFailedSubject(props)}
    >
      <Text>Hello {props.recipientName},</Text>
      <Text>
        The {props.integrationName} sync stopped: {props.error}
      </Text>
      <Text>
        Employees it had already updated keep their changes. Fix the cause, then press Sync now: the sync goes
        on from where it stopped.
      </Text>
      <EmailButton href={props.link}>Open the integration</EmailButton>
    </EmailLayout>
  );
}
