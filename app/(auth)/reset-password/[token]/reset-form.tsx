"use client";

import { useActionState } from "react";
import { FormError } from "@/app/_components/form-error";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { type FormState, resetPasswordAction } from "../../actions";

export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const [state, action] = useActionState<FormState, FormData>(resetPasswordAction, null);
  const errors = state?.fieldErrors ?? {};
  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormError message={state?.error} />
      <input type="hidden" name="token" value={token} />
      <FormField label="Email" htmlFor="email">
        <Input id="email" value={email} autoComplete="username" readOnly disabled />
      </FormField>
      <FormField
        label="New password"
        htmlFor="password"
        error={errors.password?.[0] ?? errors.token?.[0]}
        description="At least 10 characters."
      >
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          autoFocus
          minLength={10}
        />
      </FormField>
      <SubmitButton pendingLabel="Saving your password…">Save and sign in</SubmitButton>
    </form>
  );
}
