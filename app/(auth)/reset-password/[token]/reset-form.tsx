"use client";

import { useActionState } from "react";
import { FormError } from "@/app/_components/form-error";
import { NewPasswordField } from "@/app/_components/new-password-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { actionMessages } from "@/app/_lib/form-errors";
import { type FormState, resetPasswordAction } from "../../actions";

export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const [state, action] = useActionState<FormState, FormData>(resetPasswordAction, null);
  const errors = actionMessages(state, ["password"]);
  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormError message={errors.form} />
      <input type="hidden" name="token" value={token} />
      <FormField label="Email" htmlFor="email">
        <Input id="email" value={email} autoComplete="username" readOnly disabled />
      </FormField>
      <NewPasswordField id="password" label="New password" error={errors.field("password")} autoFocus />
      <SubmitButton pendingLabel="Saving your password…">Save and sign in</SubmitButton>
    </form>
  );
}
