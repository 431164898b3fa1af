import { Text } from "@react-email/components";
import { EmailButton, type EmailFrame, EmailLayout } from "./layout";

export type ReportAssetAssignedEmailProps = EmailFrame & {
  recipientName: string;
  reportName: string;
  assetTag: string;
  assetName: string;
  link: string;
};

export const reportAssetAssignedSubject = (props: ReportAssetAssignedEmailProps) =>
  `${props.reportName} now holds ${props.assetTag} ${props.assetName}`;

/** To a manager who asked for it: equipment handed to someone who reports to them. */
export function ReportAssetAssignedEmail(props: ReportAssetAssignedEmailProps) {
  return (
    <EmailLayout
      tenantName={props.tenantName}
      appUrl={props.appUrl}
      preview={reportAssetAssignedSubject(props)}
    >
      <Text>Hello {props.recipientName},</Text>
      <Text>
        {props.assetName} ({props.assetTag}) was assigned to {props.reportName}, who reports to you. You get
        these notices because you turned them on in your notification settings.
      </Text>
      <EmailButton href={props.link}>Open it in Assetronics</EmailButton>
    </EmailLayout>
  );
}

ReportAssetAssignedEmail.PreviewProps = {
  tenantName: "Acme",
  appUrl: "https://assetronics.example",
  recipientName: "Maya Manager",
  reportName: "Erin Employee",
  assetTag: "LT-0042",
  assetName: "ThinkPad X1 Carbon",
  link: "https://assetronics.example/employees/00000000-0000-4000-8000-000000000000",
} satisfies ReportAssetAssignedEmailProps;
