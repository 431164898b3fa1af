import { Text } from "@react-email/components";
import { EmailButton, type EmailFrame, EmailLayout } from "./layout";

export type SignUpAttemptedExistingEmailProps = EmailFrame & {
  recipientName: string;
  ip: string;
  link: string;
};

export const signUpAttemptedExistingSubject = () => "Someone tried to sign up with your email";

/**
 * To the account's owner: sign-up answers an existing address as it would a new one (so the form
 * tells no one who has an account); the owner learns of it here and can sign in or reset instead.
 */
export function SignUpAttemptedExistingEmail(props: SignUpAttemptedExistingEmailProps) {
  return (
    <EmailLayout
      tenantName={props.tenantName}
      appUrl={props.appUrl}
      preview={signUpAttemptedExistingSubject()}
    >
      <Text>Hello {props.recipientName},</Text>
      <Text>
        Someone (from the address {props.ip}) tried to create an account with your email, which already has
        one. If it was you, sign in instead; if you forgot your password, use "Forgot password?". If it was
        not you, nothing changed and you need not do anything.
      </Text>
      <EmailButton href={props.link}>Sign in</EmailButton>
    </EmailLayout>
  );
}
