import type { Executor } from "../db";
import { newLinkToken } from "./tokens";

/**
 * Opens a single-use reset link for a member: their earlier open links close (only the newest
 * works), and only the new token's SHA-256 is stored. `createdBy` is the admin who asked for it, or
 * null when the person asked by email. Returns the token for the one place it goes (the admin's
 * screen, or the email).
 */
export async function openPasswordReset(
  db: Executor,
  input: { tenantId: string; userId: string; createdBy: string | null; validMs: number },
) {
  const now = new Date();
  await closeOpenResets(db, input.tenantId, input.userId, now);
  const { token, tokenHash } = newLinkToken();
  const expiresAt = new Date(now.getTime() + input.validMs);
  const reset = await db
    .insertInto("password_resets")
    .values({
      tenant_id: input.tenantId,
      user_id: input.userId,
      token_hash: tokenHash,
      created_by: input.createdBy,
      expires_at: expiresAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: reset.id, token, expiresAt };
}

/** Closes a member's open reset links (a newer one replaces them, or one was just used). */
export async function closeOpenResets(db: Executor, tenantId: string, userId: string, now = new Date()) {
  await db
    .updateTable("password_resets")
    .set({ expires_at: now })
    .where("tenant_id", "=", tenantId)
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .execute();
}

/** A member's pending "Forgot password?" request is answered: Settings -> Users stops showing it. */
export async function resolveResetRequest(db: Executor, tenantId: string, userId: string, now = new Date()) {
  await db
    .updateTable("password_reset_requests")
    .set({ resolved_at: now })
    .where("tenant_id", "=", tenantId)
    .where("user_id", "=", userId)
    .where("resolved_at", "is", null)
    .execute();
}

/** The page a reset link opens. */
export const resetLinkUrl = (token: string, appUrl: string) =>
  new URL(`/reset-password/${token}`, appUrl).toString();
