import type { Metadata } from "next";
import { findPendingInvitation } from "@/server/accounts/services/accept-invitation";
import { getDb } from "@/server/db";
import { type Role, roleLabels } from "@/server/roles";
import { AuthCard, AuthLink, UnavailableLinkCard } from "../../auth-card";
import { AcceptInvitationForm } from "./accept-form";

export const metadata: Metadata = { title: "Accept invitation" };

const closed = {
  invalid: "This invitation link is not valid. Check that you copied the whole link.",
  accepted: "This invitation has already been used. Sign in with the account you created.",
  revoked: "This invitation was withdrawn. Ask your administrator for a new one.",
  expired: "This invitation has expired. Ask your administrator for a new one.",
} as const;

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await findPendingInvitation(await getDb(), token);
  if (invitation.status !== "pending") {
    return (
      <UnavailableLinkCard title="Invitation unavailable" reason={closed[invitation.status]}>
        <AuthLink href="/sign-in">Go to sign in</AuthLink>
      </UnavailableLinkCard>
    );
  }
  return (
    <AuthCard
      title={`Join ${invitation.tenantName}`}
      description={
        <>
          You have been invited as <strong>{roleLabels[invitation.role as Role]}</strong>. Set your name and
          password.
        </>
      }
    >
      <AcceptInvitationForm token={token} email={invitation.email} />
    </AuthCard>
  );
}
