import { findSessionUser } from "../accounts/queries";
import { type Db, withPlatform } from "../db";

export type LiveStreamOptions = {
  /**
   * Whether the session that opened the stream still holds (`liveSessionCheck`): asked before each
   * refresh and at each ping, and the stream ends once it does not (a sign-out elsewhere, a
   * deactivation, a suspended tenant), since the route checked the session only when it opened.
   */
  stillSignedIn?: () => Promise<boolean>;
  /** How often an idle stream sends a comment (so proxies keep it open) and re-checks the session. */
  pingMs?: number;
};

/**
 * For a response that outlives its request (a live stream): a check, callable any time later, that
 * the user's sessions have not been ended since the stream opened and the account and tenant are
 * still active, read again from the database as every request reads them (server/auth/session.ts).
 * The version is the user's as the stream opens, a moment after the route checked the cookie's.
 */
export async function liveSessionCheck(db: Db, userId: string): Promise<() => Promise<boolean>> {
  const user = await withPlatform(db, (trx) =>
    trx.selectFrom("users").select("session_version").where("id", "=", userId).executeTakeFirst(),
  );
  if (!user) return async () => false;
  return async () =>
    (await withPlatform(db, (trx) => findSessionUser(trx, userId, user.session_version))) !== null;
}
