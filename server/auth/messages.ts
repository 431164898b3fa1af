/** What the sign-in form says for each refusal code next-auth passes back. */
export const signInMessages: Record<string, string> = {
  invalid_input: "Enter your email and password.",
  invalid_credentials: "Email or password is incorrect.",
  rate_limited:
    "Too many failed sign-in attempts. Wait 15 minutes and try again, or ask an administrator for a password reset link.",
  deactivated: "This account has been deactivated. Ask your administrator to reactivate it.",
  tenant_suspended: "Your organization's account is suspended. Contact Assetronics support.",
};

export const signInMessage = (code: string | undefined): string =>
  signInMessages[code ?? ""] ?? signInMessages.invalid_credentials ?? "Sign-in failed.";
