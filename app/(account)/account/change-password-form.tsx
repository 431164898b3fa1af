"use client";

import { useActionState } from "react";
import { FormError } from "@/app/_components/form-error";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { changePasswordAction, type FormState } from "@/app/(auth)/actions";

export function ChangePasswordForm({ email }: { email: string }) {
  const [state, action] = useActionState<FormState, FormData>(changePasswordAction, null);
  const errors = state?.fieldErrors ?? {};
  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormError message={state?.error} />
      {/* lets password managers file the new password under the right account */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <FormField label="Current password" htmlFor="currentPassword" error={errors.currentPassword?.[0]}>
        <Input
          id="currentPassword"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
        />
      </FormField>
      <FormField
        label="New password"
        htmlFor="newPassword"
        error={errors.newPassword?.[0]}
        description="At least 10 characters."
      >
        <Input
          id="newPassword"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
        />
      </FormField>
      <SubmitButton pendingLabel="Changing your password…">Change password</SubmitButton>
    </form>
  );
}
