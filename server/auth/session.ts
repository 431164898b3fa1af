import type { Session } from "next-auth";
import { cache } from "react";
import { findSessionUser } from "../accounts/queries";
import type { SessionUser } from "../context";
import { getDb, withPlatform } from "../db";
import { auth } from "./config";

/**
 * The user a session cookie stands for, re-read from the database: null once the user is
 * deactivated, the tenant suspended, or the session version bumped (sign-out, password change,
 * deactivation, "sign out everywhere"). Cookies without a version predate revocable sessions.
 */
export async function resolveSessionUser(session: Session | null): Promise<SessionUser | null> {
  const userId = session?.user?.id;
  const sessionVersion = session?.sessionVersion;
  if (!userId || typeof sessionVersion !== "number") return null;
  const db = await getDb();
  return withPlatform(db, (trx) => findSessionUser(trx, userId, sessionVersion));
}

/**
 * The signed-in user, once per request: a deactivated user, a suspended tenant or an ended
 * session loses access on the next request, and role changes apply at once.
 */
export const getSessionUser = cache(
  async (): Promise<SessionUser | null> => resolveSessionUser(await auth()),
);
