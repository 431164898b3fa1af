import { Text } from "@react-email/components";
import { EmailButton, type EmailFrame, EmailLayout } from "./layout";

export type AssetAssignedEmailProps = EmailFrame & {
  recipientName: string;
  assetTag: string;
  assetName: string;
  expectedReturnAt: string | null;
  link: string;
};

export const assetAssignedSubject = (props: AssetAssignedEmailProps) =>
  `${props.assetTag} ${props.assetName} is now assigned to you`;

/** To the employee: equipment is now theirs to look after, and where to see it. */
export function AssetAssignedEmail(props: AssetAssignedEmailProps) {
  return (
    <EmailLayout tenantName={props.tenantName} appUrl={props.appUrl} preview={assetAssignedSubject(props)}>
      <Text>Hello {props.recipientName},</Text>
      <Text>
        {props.assetName} ({props.assetTag}) has been assigned to you by {props.tenantName}.
        {props.expectedReturnAt ? ` Please return it by ${props.expectedReturnAt}.` : ""}
      </Text>
      <EmailButton href={props.link}>See your equipment</EmailButton>
    </EmailLayout>
  );
}
