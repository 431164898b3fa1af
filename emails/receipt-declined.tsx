import { Button, Text } from "@react-email/components";
import { type EmailFrame, EmailLayout } from "./layout";

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
      <Button
        href={props.link}
        style={{ backgroundColor: "#18181b", color: "#ffffff", padding: "10px 16px", borderRadius: "6px" }}
      >
        Open the asset
      </Button>
    </EmailLayout>
  );
}
