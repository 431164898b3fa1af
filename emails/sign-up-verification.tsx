import { Link, Text } from "@react-email/components";
import { EmailButton, type EmailFrame, EmailLayout, linkStyle } from "./layout";

export type SignUpVerificationEmailProps = EmailFrame & {
  recipientName: string;
  link: string;
  validHours: number;
};

export const signUpVerificationSubject = (props: SignUpVerificationEmailProps) =>
  `Confirm your email to create ${props.tenantName}`;

/**
 * To a new address that signed up: following the link proves the mailbox is theirs, and creates
 * the organization (the frame names it, though it does not exist yet).
 */
export function SignUpVerificationEmail(props: SignUpVerificationEmailProps) {
  return (
    <EmailLayout
      tenantName={props.tenantName}
      appUrl={props.appUrl}
      preview={signUpVerificationSubject(props)}
    >
      <Text>Hello {props.recipientName},</Text>
      <Text>
        Confirm that this is your email to create {props.tenantName} on Assetronics. The link works once, for{" "}
        {props.validHours} hours.
      </Text>
      <EmailButton href={props.link}>Confirm and create {props.tenantName}</EmailButton>
      <Text>
        Or paste this address into your browser:{" "}
        <Link href={props.link} style={linkStyle}>
          {props.link}
        </Link>
      </Text>
      <Text>If you did not sign up, ignore this email: nothing is created without it.</Text>
    </EmailLayout>
  );
}

SignUpVerificationEmail.PreviewProps = {
  tenantName: "Globex Corporation",
  appUrl: "http://localhost:3000",
  recipientName: "Hank Scorpio",
  link: "http://localhost:3000/verify-email/preview-token",
  validHours: 24,
} satisfies SignUpVerificationEmailProps;
