"use client";

import { useActionState } from "react";
import { FormError } from "@/app/_components/form-error";
import { NewPasswordField } from "@/app/_components/new-password-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { actionMessages } from "@/app/_lib/form-errors";
import { NAME_MAX } from "@/server/schemas/primitives";
import { acceptInvitationAction, type FormState } from "../../actions";

export function AcceptInvitationForm({ token, email }: { token: string; email: string }) {
  const [state, action] = useActionState<FormState, FormData>(acceptInvitationAction, null);
  const errors = actionMessages(state, ["name", "password"]);
  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormError message={errors.form} />
      <input type="hidden" name="token" value={token} />
      <FormField label="Email" htmlFor="email">
        <Input id="email" value={email} readOnly disabled />
      </FormField>
      <FormField label="Your name" htmlFor="name" error={errors.field("name")}>
        <Input
          id="name"
          name="name"
          limit={NAME_MAX}
          autoComplete="name"
          required
          autoFocus
          defaultValue={state?.values?.name}
        />
      </FormField>
      <NewPasswordField id="password" label="Choose a password" error={errors.field("password")} />
      <SubmitButton pendingLabel="Creating your account…">Join</SubmitButton>
    </form>
  );
}
