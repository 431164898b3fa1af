import { Text } from "@react-email/components";
import { EmailButton, type EmailFrame, EmailLayout } from "./layout";

export type AssetTransferredEmailProps = EmailFrame & {
  recipientName: string;
  assetTag: string;
  assetName: string;
  /** Which side of the transfer the recipient is on: it came to them, or went from them. */
  side: "receiver" | "giver";
  /** The other side: who it came from (for the receiver) or went to (for the giver). */
  otherName: string;
  link: string;
};

export const assetTransferredSubject = (props: AssetTransferredEmailProps) =>
  props.side === "receiver"
    ? `${props.assetTag} ${props.assetName} is now assigned to you (transferred from ${props.otherName})`
    : `${props.assetTag} ${props.assetName} was transferred to ${props.otherName}`;

/** To both holders of a transferred asset: the new one now looks after it, the old one no longer does. */
export function AssetTransferredEmail(props: AssetTransferredEmailProps) {
  return (
    <EmailLayout tenantName={props.tenantName} appUrl={props.appUrl} preview={assetTransferredSubject(props)}>
      <Text>Hello {props.recipientName},</Text>
      <Text>
        {props.side === "receiver"
          ? `${props.assetName} (${props.assetTag}) was transferred to you from ${props.otherName}. It is now yours to look after.`
          : `${props.assetName} (${props.assetTag}) was transferred to ${props.otherName}. It is no longer assigned to you.`}
      </Text>
      <EmailButton href={props.link}>See your equipment</EmailButton>
    </EmailLayout>
  );
}
