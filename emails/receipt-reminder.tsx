import { Text } from "@react-email/components";
import { EmailButton, type EmailFrame, EmailLayout } from "./layout";

export type ReceiptReminderEmailProps = EmailFrame & {
  recipientName: string;
  assetTag: string;
  assetName: string;
  /** The day it was handed over, as the recipient reads it. */
  assignedOn: string;
  link: string;
};

export const receiptReminderSubject = (props: ReceiptReminderEmailProps) =>
  `Please confirm you received ${props.assetTag} ${props.assetName}`;

/** To the holder of an unanswered receipt: accept the asset under the terms, or decline it. */
export function ReceiptReminderEmail(props: ReceiptReminderEmailProps) {
  return (
    <EmailLayout tenantName={props.tenantName} appUrl={props.appUrl} preview={receiptReminderSubject(props)}>
      <Text>Hello {props.recipientName},</Text>
      <Text>
        {props.assetName} ({props.assetTag}) was handed to you on {props.assignedOn}, and {props.tenantName}{" "}
        still needs your receipt. Accept it under the equipment terms, or decline it and say why.
      </Text>
      <EmailButton href={props.link}>Answer now</EmailButton>
    </EmailLayout>
  );
}
