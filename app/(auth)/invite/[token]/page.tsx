import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { findPendingInvitation } from "@/server/accounts/services/accept-invitation";
import { getDb } from "@/server/db";
import { type Role, roleLabels } from "@/server/roles";
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
      <Card>
        <CardHeader>
          <CardTitle>
            <h1>Invitation unavailable</h1>
          </CardTitle>
          <CardDescription>{closed[invitation.status]}</CardDescription>
        </CardHeader>
        <CardContent>
          <Link href="/sign-in" className="font-medium text-primary underline-offset-4 hover:underline">
            Go to sign in
          </Link>
        </CardContent>
      </Card>
    );
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h1>Join {invitation.tenantName}</h1>
        </CardTitle>
        <CardDescription>
          You have been invited as <strong>{roleLabels[invitation.role as Role]}</strong>. Set your name and
          password.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <AcceptInvitationForm token={token} email={invitation.email} />
      </CardContent>
    </Card>
  );
}
