import { Text } from "@react-email/components";
import { EmailButton, type EmailFrame, EmailLayout } from "./layout";

export type LicenseExpiringEmailProps = EmailFrame & {
  recipientName: string;
  licenseName: string;
  vendor: string | null;
  /** The expiry day (YYYY-MM-DD). */
  expiresOn: string;
  daysLeft: number;
  seatsUsed: number;
  link: string;
};

const inDays = (days: number) => (days === 0 ? "today" : days === 1 ? "tomorrow" : `in ${days} days`);

export const licenseExpiringSubject = (props: LicenseExpiringEmailProps) =>
  `${props.licenseName} expires ${inDays(props.daysLeft)} (${props.expiresOn})`;

/** To admins and IT staff, 30 and 7 days before a licence expires: renew it, or plan for its seats. */
export function LicenseExpiringEmail(props: LicenseExpiringEmailProps) {
  const seats = `${props.seatsUsed} ${props.seatsUsed === 1 ? "person holds" : "people hold"} a seat`;
  return (
    <EmailLayout tenantName={props.tenantName} appUrl={props.appUrl} preview={licenseExpiringSubject(props)}>
      <Text>Hello {props.recipientName},</Text>
      <Text>
        {props.licenseName}
        {props.vendor ? ` (${props.vendor})` : ""} expires {inDays(props.daysLeft)}, on {props.expiresOn};{" "}
        {seats}. Renew it and record the new expiry date, or plan for its holders.
      </Text>
      <EmailButton href={props.link}>Open the licence</EmailButton>
    </EmailLayout>
  );
}

LicenseExpiringEmail.PreviewProps = {
  tenantName: "Acme",
  appUrl: "https://assetronics.example",
  recipientName: "Ada Admin",
  licenseName: "Figma Professional",
  vendor: "Figma",
  expiresOn: "2026-12-31",
  daysLeft: 7,
  seatsUsed: 12,
  link: "https://assetronics.example/licenses/00000000-0000-4000-8000-000000000000",
} satisfies LicenseExpiringEmailProps;
