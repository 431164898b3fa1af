import type { Metadata } from "next";
import { findPendingSignUp } from "@/server/accounts/services/complete-sign-up";
import { getDb } from "@/server/db";
import { AuthCard, AuthLink, UnavailableLinkCard } from "../../auth-card";
import { ConfirmSignUpForm } from "./confirm-form";

export const metadata: Metadata = { title: "Confirm your email" };

const closed = {
  invalid: "This confirmation link is not valid. Check that you copied the whole link, or sign up again.",
  used: "This confirmation link has already been used: your organization exists. Sign in to open it.",
  expired:
    "This confirmation link has expired, or a newer sign-up replaced it. Sign up again to get a new one.",
} as const;

/**
 * Where a sign-up's emailed link lands. Opening it changes nothing (mail scanners open links too);
 * the button creates the organization and signs its first admin in.
 */
export default async function VerifyEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const pending = await findPendingSignUp(await getDb(), token);
  if (pending.status !== "open") {
    return (
      <UnavailableLinkCard title="Confirmation link unavailable" reason={closed[pending.status]}>
        <AuthLink href="/sign-in">Go to sign in</AuthLink>
        <AuthLink href="/sign-up">Sign up again</AuthLink>
      </UnavailableLinkCard>
    );
  }
  return (
    <AuthCard
      title={`Create ${pending.organization}`}
      description={`${pending.email} is confirmed. Open your organization to finish: you will be its first admin.`}
    >
      <ConfirmSignUpForm token={token} />
    </AuthCard>
  );
}
