import { Text } from "@react-email/components";
import { EmailButton, type EmailFrame, EmailLayout } from "./layout";

export type ReceiptDeclinedEmailProps = EmailFrame & {
  recipientName: string;
  assetTag: string;
  employeeName: string;
  reason: string;
  link: string;
};

export const receiptDeclinedSubject = (props: ReceiptDeclinedEmailProps) =>
  `${props.employeeName} declined ${props.assetTag}`;

/** To IT staff and admins: an employee refused equipment assigned to them, and why; someone follows up. */
export function ReceiptDeclinedEmail(props: ReceiptDeclinedEmailProps) {
  return (
    <EmailLayout tenantName={props.tenantName} appUrl={props.appUrl} preview={receiptDeclinedSubject(props)}>
      <Text>Hello {props.recipientName},</Text>
      <Text>
        {props.employeeName} declined {props.assetTag}: "{props.reason}". The asset is still assigned to them
        until someone follows up.
      </Text>
      <EmailButton href={props.link}>Open the asset</EmailButton>
    </EmailLayout>
  );
}
