import { type Db, withPlatform } from "../../db";
import { isUniqueViolation } from "../../db-errors";
import { AppError } from "../../errors";
import type { Currency } from "../../tenants/currency";
import { createTenant } from "../../tenants/services/create-tenant";
import { hashLinkToken } from "../tokens";
import type { AuthenticatedUser } from "./authenticate";

export type PendingSignUpStatus =
  | { status: "invalid" | "used" | "expired" }
  | { status: "open"; email: string; organization: string };

/** What a verification link is good for (public: the person has no account yet). */
export async function findPendingSignUp(db: Db, token: string): Promise<PendingSignUpStatus> {
  const row = await withPlatform(db, (trx) =>
    trx
      .selectFrom("pending_sign_ups")
      .select(["email", "organization", "expires_at", "completed_at"])
      .where("token_hash", "=", hashLinkToken(token))
      .executeTakeFirst(),
  );
  if (!row) return { status: "invalid" };
  if (row.completed_at) return { status: "used" };
  if (row.expires_at.getTime() <= Date.now()) return { status: "expired" };
  return { status: "open", email: row.email, organization: row.organization };
}

const SIGN_UP_AGAIN = "Sign up again to get a new link, or sign in if you already finished.";

/**
 * Sign-up, step two: the verification link was followed, so the mailbox is the person's. Creates
 * the organization with them as its first admin (the password they chose, hashed at sign-up) and
 * uses the link up; returns the new admin, whom the caller signs in. An email that got an account
 * meanwhile (an invitation accepted, another sign-up verified) is refused: sign in instead.
 */
export async function completeSignUp(db: Db, token: string): Promise<AuthenticatedUser> {
  try {
    return await withPlatform(db, async (trx) => {
      const pending = await trx
        .selectFrom("pending_sign_ups")
        .selectAll()
        .where("token_hash", "=", hashLinkToken(token))
        .forUpdate()
        .executeTakeFirst();
      if (!pending) throw new AppError("NOT_FOUND", `This confirmation link is not valid. ${SIGN_UP_AGAIN}`);
      if (pending.completed_at) {
        throw new AppError("CONFLICT", "This confirmation link has already been used. Sign in instead.");
      }
      if (pending.expires_at.getTime() <= Date.now()) {
        throw new AppError("PRECONDITION_FAILED", `This confirmation link has expired. ${SIGN_UP_AGAIN}`);
      }
      const { tenant, admin } = await createTenant(trx, {
        name: pending.organization,
        admin: { name: pending.name, email: pending.email, passwordHash: pending.password_hash },
        via: "sign_up",
        currency: pending.currency as Currency,
      });
      await trx
        .updateTable("pending_sign_ups")
        .set({ completed_at: new Date() })
        .where("id", "=", pending.id)
        .execute();
      await trx
        .updateTable("users")
        .set({ last_sign_in_at: new Date() })
        .where("id", "=", admin.id)
        .execute();
      return {
        id: admin.id,
        tenantId: tenant.id,
        tenantName: tenant.name,
        role: "admin" as const,
        email: admin.email,
        name: admin.name,
        sessionVersion: 0,
      };
    });
  } catch (error) {
    if (isUniqueViolation(error, "users_email_key")) {
      throw new AppError("CONFLICT", "An account with this email already exists. Sign in instead.");
    }
    throw error;
  }
}
