import { Text } from "@react-email/components";
import { EmailButton, type EmailFrame, EmailLayout } from "./layout";

export type PasswordResetRequestedEmailProps = EmailFrame & {
  recipientName: string;
  requesterEmail: string;
  link: string;
};

export const passwordResetRequestedSubject = (props: PasswordResetRequestedEmailProps) =>
  `${props.requesterEmail} asks for a password reset`;

/** To the tenant's admins: a member asked for a reset link, emailed to them; admins can hand one over. */
export function PasswordResetRequestedEmail(props: PasswordResetRequestedEmailProps) {
  return (
    <EmailLayout
      tenantName={props.tenantName}
      appUrl={props.appUrl}
      preview={passwordResetRequestedSubject(props)}
    >
      <Text>Hello {props.recipientName},</Text>
      <Text>
        {props.requesterEmail} used "Forgot password?" and was emailed a link to choose a new password. If
        that email does not reach them, you can create a link for them in Settings. If you did not expect
        this, check with them first.
      </Text>
      <EmailButton href={props.link}>Open pending requests</EmailButton>
    </EmailLayout>
  );
}
