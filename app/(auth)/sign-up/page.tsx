import type { Metadata } from "next";
import { AuthCard, AuthLink } from "../auth-card";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an organization" };

export default function SignUpPage() {
  return (
    <AuthCard
      title="Create your organization"
      description="You will be its first admin and can invite your team right after."
      footer={
        <>
          Already have an account?&nbsp;
          <AuthLink href="/sign-in">Sign in</AuthLink>
        </>
      }
    >
      <SignUpForm />
    </AuthCard>
  );
}
