import { sql } from "kysely";
import { type Db, withPlatform } from "../../db";
import { emit } from "../../events/emit";
import { accountEventScope } from "../account-scope";

export type EndSessionsInput = {
  userId: string;
  /** Sign-out: only a session that is still current ends the others (a stale cookie changes nothing). */
  sessionVersion?: number;
  reason: "sign_out" | "sign_out_everywhere";
};

/**
 * Ends every session of a user by bumping their session version: each cookie issued before
 * carries the old version and resolves to nobody from the next request on (server/auth/session.ts).
 */
export async function endSessions(db: Db, input: EndSessionsInput): Promise<{ ended: boolean }> {
  return withPlatform(db, async (trx) => {
    let query = trx
      .updateTable("users")
      .set({ session_version: sql`session_version + 1` })
      .where("id", "=", input.userId);
    if (input.sessionVersion !== undefined) query = query.where("session_version", "=", input.sessionVersion);
    const user = await query.returning(["id", "tenant_id", "email", "name"]).executeTakeFirst();
    if (!user) return { ended: false };
    await emit(accountEventScope(trx, user), {
      name: "user.signed_out",
      entityId: user.id,
      data: { email: user.email, everywhere: input.reason === "sign_out_everywhere" },
    });
    return { ended: true };
  });
}

/** "Sign out everywhere": the signed-in user ends all of their sessions, this one included. */
export const endAllSessions = (db: Db, user: { id: string }) =>
  endSessions(db, { userId: user.id, reason: "sign_out_everywhere" });
