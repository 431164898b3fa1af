import type { Metadata } from "next";
import Link from "next/link";
import { Alert, AlertDescription } from "@/app/_components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { PageHeader } from "@/app/_components/ui/page-header";
import { requireRole } from "@/server/auth/guards";
import { roleLabels, roles } from "@/server/roles";
import { ChangePasswordForm } from "./change-password-form";
import { SignOutEverywhereButton } from "./sign-out-everywhere-button";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ changed?: string }> }) {
  const user = await requireRole(roles);
  const { changed } = await searchParams;
  return (
    <div className="grid max-w-2xl gap-6">
      <PageHeader
        title="Your account"
        description={`${user.name} · ${user.email} · ${roleLabels[user.role]}`}
      />
      {changed ? (
        <Alert role="status">
          <AlertDescription>
            Your password was changed. Your other sessions have been signed out.
          </AlertDescription>
        </Alert>
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Change password</h2>
          </CardTitle>
          <CardDescription>
            Enter your current password, then the new one. Every other device you are signed in on is signed
            out.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ChangePasswordForm email={user.email} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Sessions</h2>
          </CardTitle>
          <CardDescription>
            Signed in on a shared or lost device? Sign out everywhere, this browser included.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <SignOutEverywhereButton />
        </CardContent>
      </Card>
      {user.tenantId ? (
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Notifications</h2>
            </CardTitle>
            <CardDescription>What you hear about, on which channel, and your quiet hours.</CardDescription>
          </CardHeader>
          <CardContent>
            <Link
              href="/account/notifications"
              className="text-sm text-primary underline-offset-4 hover:underline"
            >
              Notification settings
            </Link>
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
