import { Text } from "@react-email/components";
import { EmailButton, type EmailFrame, EmailLayout } from "./layout";

export type LicenseUnderusedEmailProps = EmailFrame & {
  recipientName: string;
  licenseName: string;
  vendor: string | null;
  seats: number;
  seatsUsed: number;
  /** How many seats sit idle and, when priced, what they cost ("7 seats sit idle, costing …"). */
  idleText: string;
  link: string;
};

export const licenseUnderusedSubject = (props: LicenseUnderusedEmailProps) =>
  `${props.licenseName}: ${props.seatsUsed} of ${props.seats} seats in use`;

/** To admins and IT staff, at most monthly: a licence with most of its seats idle. */
export function LicenseUnderusedEmail(props: LicenseUnderusedEmailProps) {
  return (
    <EmailLayout tenantName={props.tenantName} appUrl={props.appUrl} preview={licenseUnderusedSubject(props)}>
      <Text>Hello {props.recipientName},</Text>
      <Text>
        Only {props.seatsUsed} of the {props.seats} seats of {props.licenseName}
        {props.vendor ? ` (${props.vendor})` : ""} are held: {props.idleText}. Give the seats to people who
        need them, or buy fewer at renewal.
      </Text>
      <EmailButton href={props.link}>Open the licence</EmailButton>
    </EmailLayout>
  );
}

LicenseUnderusedEmail.PreviewProps = {
  tenantName: "Acme",
  appUrl: "https://assetronics.example",
  recipientName: "Ada Admin",
  licenseName: "Figma Professional",
  vendor: "Figma",
  seats: 20,
  seatsUsed: 6,
  idleText: "14 seats sit idle, costing $210.00 per seat period",
  link: "https://assetronics.example/licenses/00000000-0000-4000-8000-000000000000",
} satisfies LicenseUnderusedEmailProps;
