import { Text } from "@react-email/components";
import { EmailButton, type EmailFrame, EmailLayout } from "./layout";

export type AssetReturnedEmailProps = EmailFrame & {
  recipientName: string;
  assetTag: string;
  assetName: string;
  /** The condition it came back in, as recorded at the return (absent on older events). */
  condition: string | null;
  toStatus: string;
  link: string;
};

export const assetReturnedSubject = (props: AssetReturnedEmailProps) =>
  `${props.assetTag} ${props.assetName} is checked back in`;

/** To the employee who handed it back: the return was recorded, so it is no longer theirs to look after. */
export function AssetReturnedEmail(props: AssetReturnedEmailProps) {
  return (
    <EmailLayout tenantName={props.tenantName} appUrl={props.appUrl} preview={assetReturnedSubject(props)}>
      <Text>Hello {props.recipientName},</Text>
      <Text>
        {props.assetName} ({props.assetTag}) was checked back in
        {props.condition ? ` in ${props.condition} condition` : ""} and is now {props.toStatus}. It is no
        longer assigned to you.
      </Text>
      <EmailButton href={props.link}>See your equipment</EmailButton>
    </EmailLayout>
  );
}
