import type { EventData } from "@/inngest/events";
import type { TenantScope } from "../../context";
import { type NotifyResult, notify } from "./notify";

/**
 * user.sign_up_attempted_existing -> the account's owner: the sign-up form answered as for a new
 * address (so it tells no one who has an account); the owner hears of it and can sign in instead.
 */
export async function notifySignUpAttemptedExisting(
  scope: TenantScope,
  userId: string,
  data: EventData<"user.sign_up_attempted_existing">,
): Promise<NotifyResult[]> {
  const result = await notify(scope, userId, {
    type: "sign_up_attempted_existing",
    title: "Someone tried to sign up with your email",
    body: `From the address ${data.ip}. If it was you, sign in or use "Forgot password?"; otherwise nothing changed.`,
    link: "/sign-in",
    email: { ip: data.ip },
  });
  return [result];
}
