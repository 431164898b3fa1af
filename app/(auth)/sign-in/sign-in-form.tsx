"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormError } from "@/app/_components/form-error";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { actionMessages } from "@/app/_lib/form-errors";
import { PASSWORD_MAX } from "@/server/accounts/schemas";
import { MAX_EMAIL_LENGTH } from "@/server/schemas/primitives";
import { type FormState, signInAction } from "../actions";

export function SignInForm() {
  const [state, action] = useActionState<FormState, FormData>(signInAction, null);
  const errors = actionMessages(state, []);
  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormError message={errors.form} />
      <FormField label="Email" htmlFor="email">
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          limit={MAX_EMAIL_LENGTH}
          required
          autoFocus
          defaultValue={state?.values?.email}
        />
      </FormField>
      <FormField label="Password" htmlFor="password">
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          limit={PASSWORD_MAX}
          required
        />
      </FormField>
      <Link
        href="/forgot-password"
        className="-mt-2 justify-self-end rounded-sm text-sm font-medium text-primary underline-offset-4 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring"
      >
        Forgot password?
      </Link>
      <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
    </form>
  );
}
