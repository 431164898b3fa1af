"use client";

import { useActionState } from "react";
import { FormError } from "@/app/_components/form-error";
import { NewPasswordField } from "@/app/_components/new-password-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { actionMessages } from "@/app/_lib/form-errors";
import { MAX_EMAIL_LENGTH, NAME_MAX } from "@/server/schemas/primitives";
import { type SignUpState, signUpAction } from "../actions";
import { CheckEmail } from "../check-email";

export function SignUpForm() {
  const [state, action] = useActionState<SignUpState, FormData>(signUpAction, null);
  if (state?.sent) {
    // The same words whether the address is new or already has an account (its owner is told).
    return (
      <CheckEmail outbox={state.outbox}>
        We sent a message to {state.sent}. Follow its link to confirm the address and open your organization;
        the link works for 24 hours. Nothing there? Check your spam folder.
      </CheckEmail>
    );
  }
  const failed = state?.sent === undefined ? state : null;
  const errors = actionMessages(failed, ["organization", "name", "email", "password"]);
  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormError message={errors.form} />
      <FormField label="Organization" htmlFor="organization" error={errors.field("organization")}>
        <Input
          id="organization"
          name="organization"
          limit={NAME_MAX}
          autoComplete="organization"
          required
          autoFocus
          defaultValue={failed?.values?.organization}
        />
      </FormField>
      <FormField label="Your name" htmlFor="name" error={errors.field("name")}>
        <Input
          id="name"
          name="name"
          limit={NAME_MAX}
          autoComplete="name"
          required
          defaultValue={failed?.values?.name}
        />
      </FormField>
      <FormField label="Work email" htmlFor="email" error={errors.field("email")}>
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          limit={MAX_EMAIL_LENGTH}
          required
          defaultValue={failed?.values?.email}
        />
      </FormField>
      <NewPasswordField id="password" label="Password" error={errors.field("password")} />
      <SubmitButton pendingLabel="Creating your organization…">Create organization</SubmitButton>
    </form>
  );
}
