"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AuthError, type CredentialsSignin } from "next-auth";
import { z } from "zod";
import { localOutboxOpen, localOutboxPath } from "@/server/accounts/mail";
import {
  AcceptInvitationInput,
  ChangePasswordInput,
  RequestPasswordResetInput,
  ResetPasswordInput,
  SignUpInput,
} from "@/server/accounts/schemas";
import { acceptInvitation } from "@/server/accounts/services/accept-invitation";
import { changePassword } from "@/server/accounts/services/change-password";
import { endAllSessions } from "@/server/accounts/services/end-sessions";
import { requestPasswordReset } from "@/server/accounts/services/request-password-reset";
import { resetPassword } from "@/server/accounts/services/reset-password";
import { signUp } from "@/server/accounts/services/sign-up";
import { clientIp } from "@/server/auth/client-ip";
import { signIn, signOut } from "@/server/auth/config";
import { signInMessage } from "@/server/auth/messages";
import { getSessionUser } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";

export type FormState = {
  error?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  values?: Record<string, string>;
} | null;

/**
 * A reset request's answer: the address it was sent for (and, on a local install with no mail
 * provider, the local outbox page where the email lands), or why it could not be.
 */
export type ResetRequestState =
  | (NonNullable<FormState> & { sent?: undefined })
  | { sent: string; outbox: string | null }
  | null;

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

/** A sign-up's answer: "Check your email" for the address (and its local outbox page), or why not. */
export type SignUpState =
  | (NonNullable<FormState> & { sent?: undefined })
  | { sent: string; outbox: string | null }
  | null;

export async function signUpAction(_state: SignUpState, formData: FormData): Promise<SignUpState> {
  const values = {
    organization: text(formData, "organization"),
    name: text(formData, "name"),
    email: text(formData, "email"),
  };
  const parsed = SignUpInput.safeParse({ ...values, password: text(formData, "password") });
  if (!parsed.success) return { fieldErrors: z.flattenError(parsed.error).fieldErrors, values };
  let email: string;
  try {
    const requestHeaders = await headers();
    ({ email } = await signUp(
      await getDb(),
      parsed.data,
      clientIp(requestHeaders),
      requestHeaders.get("accept-language"),
    ));
  } catch (error) {
    if (error instanceof AppError) return { error: error.message, values };
    throw error;
  }
  // Whether the email is new (a confirmation link is on its way) or already has an account (its
  // owner is told), the answer is the same: check your email.
  return { sent: email, outbox: localOutboxOpen() ? localOutboxPath(email) : null };
}

/** Why a sign-up's confirmation link did not sign anyone in, by the refusal's code. */
const signUpLinkRefusals: Record<string, string> = {
  NOT_FOUND: "This confirmation link is not valid. Sign up again to get a new one.",
  CONFLICT:
    "This email already has an account: the link was used, or the account was made another way. Sign in instead.",
  PRECONDITION_FAILED: "This confirmation link has expired. Sign up again to get a new one.",
};

/** Follows a sign-up's emailed link: creates the organization and signs its first admin in. */
export async function confirmSignUpAction(_state: FormState, formData: FormData): Promise<FormState> {
  try {
    await signIn("sign-up-link", { token: text(formData, "token"), redirectTo: "/" });
    return null;
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as CredentialsSignin).code;
      return { error: signUpLinkRefusals[code] ?? signUpLinkRefusals.NOT_FOUND };
    }
    throw error;
  }
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

/** Ends every session of the signed-in user, on every device, this one included. */
export async function signOutEverywhereAction(): Promise<void> {
  const user = await getSessionUser();
  if (user) await endAllSessions(await getDb(), user);
  await signOut({ redirectTo: "/sign-in" });
}

/** Changes the signed-in user's password, ends their other sessions and signs this one in again. */
export async function changePasswordAction(_state: FormState, formData: FormData): Promise<FormState> {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  const parsed = ChangePasswordInput.safeParse({
    currentPassword: text(formData, "currentPassword"),
    newPassword: text(formData, "newPassword"),
  });
  if (!parsed.success) return { fieldErrors: z.flattenError(parsed.error).fieldErrors };
  try {
    await changePassword(await getDb(), user, parsed.data, clientIp(await headers()));
  } catch (error) {
    if (error instanceof AppError) {
      const field = error.details?.reason === "invalid_current_password" ? "currentPassword" : null;
      return field ? { fieldErrors: { [field]: [error.message] } } : { error: error.message };
    }
    throw error;
  }
  return signInOrExplain(user.email, parsed.data.newPassword, "/account?changed=1");
}

/** Sets a new password through a reset link (emailed, or from an admin), then signs in with it. */
export async function resetPasswordAction(_state: FormState, formData: FormData): Promise<FormState> {
  const parsed = ResetPasswordInput.safeParse({
    token: text(formData, "token"),
    password: text(formData, "password"),
  });
  if (!parsed.success) return { fieldErrors: z.flattenError(parsed.error).fieldErrors };
  let email: string;
  try {
    ({ email } = await resetPassword(await getDb(), parsed.data));
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    throw error;
  }
  return signInOrExplain(email, parsed.data.password, "/");
}

/** "Forgot password?": the same answer whether or not the email has an account. */
export async function requestPasswordResetAction(
  _state: ResetRequestState,
  formData: FormData,
): Promise<ResetRequestState> {
  const values = { email: text(formData, "email") };
  const parsed = RequestPasswordResetInput.safeParse(values);
  if (!parsed.success) return { fieldErrors: z.flattenError(parsed.error).fieldErrors, values };
  try {
    await requestPasswordReset(await getDb(), parsed.data, clientIp(await headers()));
  } catch (error) {
    if (error instanceof AppError) return { error: error.message, values };
    throw error;
  }
  // Shown whether or not the address has an account: the outbox page then shows no email.
  const outbox = localOutboxOpen() ? localOutboxPath(parsed.data.email) : null;
  return { sent: parsed.data.email, outbox };
}
