import { Text } from "@react-email/components";
import { EmailButton, type EmailFrame, EmailLayout } from "./layout";

export type EquipmentRequestDecidedEmailProps = EmailFrame & {
  recipientName: string;
  item: string;
  decision: "approved" | "declined";
  /** The decline's reason, or the approver's comment; null when they gave none. */
  reason: string | null;
  link: string;
};

export const equipmentRequestDecidedSubject = (props: EquipmentRequestDecidedEmailProps) =>
  `Your request for ${props.item} was ${props.decision}`;

/** To the employee who asked for equipment: IT staff's decision, and why when they said. */
export function EquipmentRequestDecidedEmail(props: EquipmentRequestDecidedEmailProps) {
  return (
    <EmailLayout
      tenantName={props.tenantName}
      appUrl={props.appUrl}
      preview={equipmentRequestDecidedSubject(props)}
    >
      <Text>Hello {props.recipientName},</Text>
      <Text>
        {props.decision === "approved"
          ? `Your request for ${props.item} was approved. IT staff are ordering it; you will be told when it is assigned to you.`
          : `Your request for ${props.item} was declined.`}
      </Text>
      {props.reason ? (
        <Text>{`${props.decision === "approved" ? "Comment" : "Reason"}: ${props.reason}`}</Text>
      ) : null}
      <EmailButton href={props.link}>See your requests</EmailButton>
    </EmailLayout>
  );
}
