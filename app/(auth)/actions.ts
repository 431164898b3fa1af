"use server";

import { AuthError, type CredentialsSignin } from "next-auth";
import { z } from "zod";
import { AcceptInvitationInput, SignUpInput } from "@/server/accounts/schemas";
import { acceptInvitation } from "@/server/accounts/services/accept-invitation";
import { signUp } from "@/server/accounts/services/sign-up";
import { signIn, signOut } from "@/server/auth/config";
import { signInMessage } from "@/server/auth/messages";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";

export type FormState = {
  error?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  values?: Record<string, string>;
} | null;

const text = (formData: FormData, key: string): string => {
  const value = formData.get(key);
  return typeof value === "string" ? value : "";
};

async function signInOrExplain(email: string, password: string, redirectTo: string): Promise<FormState> {
  try {
    await signIn("credentials", { email, password, redirectTo });
    return null;
  } catch (error) {
    // A successful sign-in "throws" Next's redirect; only auth refusals become form errors.
    if (error instanceof AuthError) {
      return { error: signInMessage((error as CredentialsSignin).code), values: { email } };
    }
    throw error;
  }
}

export async function signInAction(_state: FormState, formData: FormData): Promise<FormState> {
  return signInOrExplain(text(formData, "email"), text(formData, "password"), "/");
}

export async function signUpAction(_state: FormState, formData: FormData): Promise<FormState> {
  const values = {
    organization: text(formData, "organization"),
    name: text(formData, "name"),
    email: text(formData, "email"),
  };
  const parsed = SignUpInput.safeParse({ ...values, password: text(formData, "password") });
  if (!parsed.success) return { fieldErrors: z.flattenError(parsed.error).fieldErrors, values };
  try {
    await signUp(await getDb(), parsed.data);
  } catch (error) {
    if (error instanceof AppError) return { error: error.message, values };
    throw error;
  }
  return signInOrExplain(parsed.data.email, parsed.data.password, "/dashboard");
}

export async function acceptInvitationAction(_state: FormState, formData: FormData): Promise<FormState> {
  const values = { name: text(formData, "name") };
  const parsed = AcceptInvitationInput.safeParse({
    ...values,
    token: text(formData, "token"),
    password: text(formData, "password"),
  });
  if (!parsed.success) return { fieldErrors: z.flattenError(parsed.error).fieldErrors, values };
  let email: string;
  try {
    ({ email } = await acceptInvitation(await getDb(), parsed.data));
  } catch (error) {
    if (error instanceof AppError) return { error: error.message, values };
    throw error;
  }
  return signInOrExplain(email, parsed.data.password, "/");
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}
