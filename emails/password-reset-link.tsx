import { Link, Text } from "@react-email/components";
import { EmailButton, type EmailFrame, EmailLayout, linkStyle } from "./layout";

export type PasswordResetLinkEmailProps = EmailFrame & {
  recipientName: string;
  /** The single-use link: the only place its token exists outside the person's browser. */
  link: string;
  /** How long the link works, in minutes. */
  validMinutes: number;
};

export const passwordResetLinkSubject = () => "Choose a new Assetronics password";

/**
 * To the person who used "Forgot password?": a link that works once, for a short time. It is
 * mailed only to the account's own address, and says what to do if they did not ask for it.
 */
export function PasswordResetLinkEmail(props: PasswordResetLinkEmailProps) {
  return (
    <EmailLayout
      accountMail
      tenantName={props.tenantName}
      appUrl={props.appUrl}
      preview={passwordResetLinkSubject()}
    >
      <Text>Hello {props.recipientName},</Text>
      <Text>
        Someone, hopefully you, asked to reset the password of your {props.tenantName} account. The link below
        works once, for {props.validMinutes} minutes; asking again replaces it. Setting a new password signs
        you out on every device.
      </Text>
      <EmailButton href={props.link}>Choose a new password</EmailButton>
      <Text>
        Or paste this address into your browser:{" "}
        <Link href={props.link} style={linkStyle}>
          {props.link}
        </Link>
      </Text>
      <Text>If you did not ask for this, ignore this email: your password stays as it is.</Text>
    </EmailLayout>
  );
}

PasswordResetLinkEmail.PreviewProps = {
  tenantName: "Acme Corp",
  appUrl: "http://localhost:3000",
  recipientName: "Riley Chen",
  link: "http://localhost:3000/reset-password/preview-token",
  validMinutes: 60,
} satisfies PasswordResetLinkEmailProps;
