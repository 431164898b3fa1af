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

/**
 * To the employee: equipment is now theirs to look after, and the request to acknowledge receipt
 * (accept it under the equipment terms, or decline it) in the portal.
 */
export function AssetAssignedEmail(props: AssetAssignedEmailProps) {
  return (
    <EmailLayout tenantName={props.tenantName} appUrl={props.appUrl} preview={assetAssignedSubject(props)}>
      <Text>Hello {props.recipientName},</Text>
      <Text>
        {props.assetName} ({props.assetTag}) has been assigned to you by {props.tenantName}.
        {props.expectedReturnAt ? ` Please return it by ${props.expectedReturnAt}.` : ""}
      </Text>
      <Text>
        Please confirm you received it: accept it under the equipment terms, or decline it and tell IT why.
      </Text>
      <EmailButton href={props.link}>Accept or decline it</EmailButton>
    </EmailLayout>
  );
}
