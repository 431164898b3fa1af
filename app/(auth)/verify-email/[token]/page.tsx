import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { findPendingSignUp } from "@/server/accounts/services/complete-sign-up";
import { getDb } from "@/server/db";
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
      <Card>
        <CardHeader>
          <CardTitle>
            <h1>Confirmation link unavailable</h1>
          </CardTitle>
          <CardDescription>{closed[pending.status]}</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-wrap gap-x-6 gap-y-2">
          <Link href="/sign-in" className="font-medium text-primary underline-offset-4 hover:underline">
            Go to sign in
          </Link>
          <Link href="/sign-up" className="font-medium text-primary underline-offset-4 hover:underline">
            Sign up again
          </Link>
        </CardContent>
      </Card>
    );
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h1>Create {pending.organization}</h1>
        </CardTitle>
        <CardDescription>
          {pending.email} is confirmed. Open your organization to finish: you will be its first admin.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ConfirmSignUpForm token={token} />
      </CardContent>
    </Card>
  );
}
