"use client";

import { useActionState } from "react";
import { FormError } from "@/app/_components/form-error";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { acceptInvitationAction, type FormState } from "../../actions";

export function AcceptInvitationForm({ token, email }: { token: string; email: string }) {
  const [state, action] = useActionState<FormState, FormData>(acceptInvitationAction, null);
  const errors = state?.fieldErrors ?? {};
  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormError message={state?.error} />
      <input type="hidden" name="token" value={token} />
      <FormField label="Email" htmlFor="email">
        <Input id="email" value={email} readOnly disabled />
      </FormField>
      <FormField label="Your name" htmlFor="name" error={errors.name?.[0]}>
        <Input
          id="name"
          name="name"
          autoComplete="name"
          required
          autoFocus
          defaultValue={state?.values?.name}
        />
      </FormField>
      <FormField
        label="Choose a password"
        htmlFor="password"
        error={errors.password?.[0]}
        description="At least 10 characters."
      >
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
        />
      </FormField>
      <SubmitButton pendingLabel="Creating your account…">Join</SubmitButton>
    </form>
  );
}
