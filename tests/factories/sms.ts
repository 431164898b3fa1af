import { randomBytes } from "node:crypto";
import type { Caller } from "./isolation";

/**
 * The tenant's own Twilio account, saved through the router as its admin: for isolation and fuzz
 * tests. Its API address is on a .test host, so a text sent with it is refused by the SSRF guard
 * or DNS, never sent anywhere.
 */
export async function seedSmsSettings(caller: Caller) {
  const accountSid = `AC${randomBytes(16).toString("hex")}`;
  const authToken = randomBytes(16).toString("hex");
  await caller.notifications.sms.save({
    accountSid,
    authToken,
    sender: "+15005550009",
    baseUrl: "https://twilio.example.test",
    enabled: true,
  });
  return { accountSid, authToken };
}
