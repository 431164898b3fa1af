import { cache } from "react";
import { findSessionUser } from "../accounts/queries";
import type { SessionUser } from "../context";
import { getDb, withPlatform } from "../db";
import { auth } from "./config";

/**
 * The signed-in user, re-read from the database once per request: a deactivated user or a
 * suspended tenant loses access on the next request, and role changes apply at once.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  const db = await getDb();
  return withPlatform(db, (trx) => findSessionUser(trx, userId));
});
