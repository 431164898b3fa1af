import type { Metadata } from "next";
import { findPasswordReset } from "@/server/accounts/services/reset-password";
import { getDb } from "@/server/db";
import { AuthCard, AuthLink, UnavailableLinkCard } from "../../auth-card";
import { ResetPasswordForm } from "./reset-form";

export const metadata: Metadata = { title: "Reset your password" };

const closed = {
  invalid: "This reset link is not valid. Check that you copied the whole link, or ask for a new one.",
  used: "This reset link has already been used. Sign in with your new password, or ask for a new link.",
  expired: "This reset link has expired, or a newer one replaced it. Ask for a new one.",
} as const;

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const reset = await findPasswordReset(await getDb(), token);
  if (reset.status !== "open") {
    return (
      <UnavailableLinkCard title="Reset link unavailable" reason={closed[reset.status]}>
        <AuthLink href="/forgot-password">Ask for a new link</AuthLink>
        <AuthLink href="/sign-in">Go to sign in</AuthLink>
      </UnavailableLinkCard>
    );
  }
  return (
    <AuthCard
      title="Choose a new password"
      description={`For ${reset.email}. You will be signed in with it, and signed out everywhere else.`}
    >
      <ResetPasswordForm token={token} email={reset.email} />
    </AuthCard>
  );
}
