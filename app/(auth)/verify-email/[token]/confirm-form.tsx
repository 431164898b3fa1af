"use client";

import { useActionState } from "react";
import { FormError } from "@/app/_components/form-error";
import { SubmitButton } from "@/app/_components/submit-button";
import { confirmSignUpAction, type FormState } from "../../actions";

export function ConfirmSignUpForm({ token }: { token: string }) {
  const [state, action] = useActionState<FormState, FormData>(confirmSignUpAction, null);
  return (
    <form action={action} className="grid gap-4">
      <FormError message={state?.error} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton pendingLabel="Creating your organization…">Open my organization</SubmitButton>
    </form>
  );
}
