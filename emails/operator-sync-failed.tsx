import { Text } from "@react-email/components";
import { EmailButton, type EmailFrame, EmailLayout } from "./layout";

export type OperatorSyncFailedEmailProps = EmailFrame & {
  recipientName: string;
  integrationName: string;
  error: string;
  link: string;
};

export const operatorSyncFailedSubject = (props: OperatorSyncFailedEmailProps) =>
  `${props.tenantName}: the ${props.integrationName} sync failed`;

/**
 * To the installation's operators (super admins, who belong to no organization): a tenant's
 * integration failed. The tenant's admins were told too; the operator sees every failing one in
 * the platform console.
 */
export function OperatorSyncFailedEmail(props: OperatorSyncFailedEmailProps) {
  return (
    <EmailLayout
      tenantName={props.tenantName}
      appUrl={props.appUrl}
      preview={operatorSyncFailedSubject(props)}
      accountMail
    >
      <Text>Hello {props.recipientName},</Text>
      <Text>
        The {props.integrationName} sync of {props.tenantName} failed: {props.error}
      </Text>
      <Text>Its admins were told. Every integration failing now is listed in the platform console.</Text>
      <EmailButton href={props.link}>Open the platform console</EmailButton>
    </EmailLayout>
  );
}

OperatorSyncFailedEmail.PreviewProps = {
  tenantName: "Acme",
  appUrl: "https://assetronics.example",
  recipientName: "Platform Operator",
  integrationName: "People HR",
  error: 'The credentials were rejected. BambooHR rejected the API key for "acme".',
  link: "https://assetronics.example/platform",
} satisfies OperatorSyncFailedEmailProps;
