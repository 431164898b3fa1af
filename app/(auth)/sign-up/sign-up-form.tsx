"use client";

import { useActionState } from "react";
import { FormError } from "@/app/_components/form-error";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { type FormState, signUpAction } from "../actions";

export function SignUpForm() {
  const [state, action] = useActionState<FormState, FormData>(signUpAction, null);
  const errors = state?.fieldErrors ?? {};
  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormError message={state?.error} />
      <FormField label="Organization" htmlFor="organization" error={errors.organization?.[0]}>
        <Input
          id="organization"
          name="organization"
          autoComplete="organization"
          required
          autoFocus
          defaultValue={state?.values?.organization}
        />
      </FormField>
      <FormField label="Your name" htmlFor="name" error={errors.name?.[0]}>
        <Input id="name" name="name" autoComplete="name" required defaultValue={state?.values?.name} />
      </FormField>
      <FormField label="Work email" htmlFor="email" error={errors.email?.[0]}>
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state?.values?.email}
        />
      </FormField>
      <FormField
        label="Password"
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
      <SubmitButton pendingLabel="Creating your organization…">Create organization</SubmitButton>
    </form>
  );
}
