"use client";

import { useActionState } from "react";
import { FormError } from "@/app/_components/form-error";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { actionMessages } from "@/app/_lib/form-errors";
import { EMAILED_RESET_MINUTES } from "@/server/accounts/reset-link-validity";
import { MAX_EMAIL_LENGTH } from "@/server/schemas/primitives";
import { type ResetRequestState, requestPasswordResetAction } from "../actions";
import { CheckEmail } from "../check-email";

export function ForgotPasswordForm() {
  const [state, action] = useActionState<ResetRequestState, FormData>(requestPasswordResetAction, null);
  if (state?.sent) {
    // The same words whether or not the address has an account.
    return (
      <CheckEmail outbox={state.outbox}>
        If {state.sent} has an account, we sent it a link to choose a new password. The link works once, for{" "}
        {EMAILED_RESET_MINUTES} minutes. Nothing there? Check your spam folder, or ask your organization's
        admin for a link.
      </CheckEmail>
    );
  }
  const failure = state?.sent === undefined ? state : null;
  const errors = actionMessages(failure, ["email"]);
  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormError message={errors.form} />
      <FormField label="Email" htmlFor="email" error={errors.field("email")}>
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          limit={MAX_EMAIL_LENGTH}
          defaultValue={failure?.values?.email}
        />
      </FormField>
      <SubmitButton pendingLabel="Sending…">Email me a reset link</SubmitButton>
    </form>
  );
}
