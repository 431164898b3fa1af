import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { findPasswordReset } from "@/server/accounts/services/reset-password";
import { getDb } from "@/server/db";
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
      <Card>
        <CardHeader>
          <CardTitle>
            <h1>Reset link unavailable</h1>
          </CardTitle>
          <CardDescription>{closed[reset.status]}</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-wrap gap-x-6 gap-y-2">
          <Link
            href="/forgot-password"
            className="font-medium text-primary underline-offset-4 hover:underline"
          >
            Ask for a new link
          </Link>
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
          <h1>Choose a new password</h1>
        </CardTitle>
        <CardDescription>
          For {reset.email}. You will be signed in with it, and signed out everywhere else.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ResetPasswordForm token={token} email={reset.email} />
      </CardContent>
    </Card>
  );
}
