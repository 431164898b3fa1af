"use client";

import { useActionState } from "react";
import { FormError } from "@/app/_components/form-error";
import { NewPasswordField } from "@/app/_components/new-password-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { actionMessages } from "@/app/_lib/form-errors";
import { changePasswordAction, type FormState } from "@/app/(auth)/actions";
import { PASSWORD_MAX } from "@/server/accounts/schemas";

export function ChangePasswordForm({ email }: { email: string }) {
  const [state, action] = useActionState<FormState, FormData>(changePasswordAction, null);
  const errors = actionMessages(state, ["currentPassword", "newPassword"]);
  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormError message={errors.form} />
      {/* lets password managers file the new password under the right account */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <FormField label="Current password" htmlFor="currentPassword" error={errors.field("currentPassword")}>
        <Input
          id="currentPassword"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          limit={PASSWORD_MAX}
          required
        />
      </FormField>
      <NewPasswordField id="newPassword" label="New password" error={errors.field("newPassword")} />
      <SubmitButton pendingLabel="Changing your password…">Change password</SubmitButton>
    </form>
  );
}
