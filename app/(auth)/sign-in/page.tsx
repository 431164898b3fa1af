import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/server/auth/session";
import { homePathFor } from "@/server/roles";
import { AuthCard, AuthLink } from "../auth-card";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  const user = await getSessionUser();
  if (user) redirect(homePathFor(user.role));
  return (
    <AuthCard
      title="Sign in"
      description="Welcome back. Sign in to manage your organization's assets."
      footer={
        <>
          New to Assetronics?&nbsp;
          <AuthLink href="/sign-up">Create an organization</AuthLink>
        </>
      }
    >
      <SignInForm />
    </AuthCard>
  );
}
