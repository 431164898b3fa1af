import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/server/auth/session";
import { homePathFor } from "@/server/roles";
import { AuthCard, AuthLink } from "../auth-card";
import { ForgotPasswordForm } from "./forgot-password-form";

export const metadata: Metadata = { title: "Forgot password" };

export default async function ForgotPasswordPage() {
  const user = await getSessionUser();
  if (user) redirect(homePathFor(user.role));
  return (
    <AuthCard
      title="Forgot your password?"
      description="Enter the email you sign in with, and we will email you a link to choose a new password."
      footer={
        <>
          Remembered it?&nbsp;
          <AuthLink href="/sign-in">Back to sign in</AuthLink>
        </>
      }
    >
      <ForgotPasswordForm />
    </AuthCard>
  );
}
