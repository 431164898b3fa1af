import { sql } from "kysely";
import type { SessionUser } from "../context";
import type { Executor } from "../db";
import type { InvitationListItem, UserListItem } from "./schemas";

/**
 * Active user with an active tenant whose session version is still `sessionVersion`, or null:
 * what decides whether a session still works. Sign-out, a password change, a deactivation and
 * "sign out everywhere" bump the version, which ends every session issued before.
 */
export async function findSessionUser(
  db: Executor,
  userId: string,
  sessionVersion: number,
): Promise<SessionUser | null> {
  const row = await db
    .selectFrom("users")
    .leftJoin("tenants", "tenants.id", "users.tenant_id")
    .select([
      "users.id",
      "users.tenant_id",
      "users.role",
      "users.email",
      "users.name",
      "users.status",
      "tenants.name as tenant_name",
      "tenants.status as tenant_status",
    ])
    .where("users.id", "=", userId)
    .where("users.session_version", "=", sessionVersion)
    .executeTakeFirst();
  if (row?.status !== "active") return null;
  if (row.tenant_id && row.tenant_status !== "active") return null;
  return {
    id: row.id,
    tenantId: row.tenant_id,
    tenantName: row.tenant_name,
    role: row.role as SessionUser["role"],
    email: row.email,
    name: row.name,
  };
}

export async function findUserByEmail(db: Executor, email: string) {
  return db
    .selectFrom("users")
    .leftJoin("tenants", "tenants.id", "users.tenant_id")
    .select([
      "users.id",
      "users.tenant_id",
      "users.role",
      "users.email",
      "users.name",
      "users.status",
      "users.password_hash",
      "users.session_version",
      "tenants.name as tenant_name",
      "tenants.status as tenant_status",
    ])
    .where("users.email", "=", email)
    .executeTakeFirst();
}

export async function listUsers(db: Executor, tenantId: string): Promise<UserListItem[]> {
  const rows = await db
    .selectFrom("users")
    .leftJoin("password_reset_requests as request", (join) =>
      join
        .onRef("request.tenant_id", "=", "users.tenant_id")
        .onRef("request.user_id", "=", "users.id")
        .on("request.resolved_at", "is", null),
    )
    .leftJoin("employees", (join) =>
      join.onRef("employees.tenant_id", "=", "users.tenant_id").onRef("employees.user_id", "=", "users.id"),
    )
    .select([
      "employees.id as employee_id",
      "employees.display_name as employee_name",
      "users.id",
      "users.email",
      "users.name",
      "users.role",
      "users.status",
      "users.last_sign_in_at",
      "users.created_at",
      "request.created_at as reset_requested_at",
    ])
    .where("users.tenant_id", "=", tenantId)
    .orderBy("users.name")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as UserListItem["role"],
    status: row.status as UserListItem["status"],
    lastSignInAt: row.last_sign_in_at,
    createdAt: row.created_at,
    resetRequestedAt: row.reset_requested_at,
    employee: row.employee_id ? { id: row.employee_id, name: row.employee_name ?? "" } : null,
  }));
}

export async function listInvitations(db: Executor, tenantId: string): Promise<InvitationListItem[]> {
  const rows = await db
    .selectFrom("invitations")
    .leftJoin("users", "users.id", "invitations.invited_by")
    .select([
      "invitations.id",
      "invitations.email",
      "invitations.role",
      "invitations.expires_at",
      "invitations.accepted_at",
      "invitations.revoked_at",
      "invitations.created_at",
      "users.name as invited_by",
    ])
    .where("invitations.tenant_id", "=", tenantId)
    .orderBy("invitations.created_at", "desc")
    .limit(200)
    .execute();
  const now = Date.now();
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    role: row.role as InvitationListItem["role"],
    status: row.accepted_at
      ? "accepted"
      : row.revoked_at
        ? "revoked"
        : row.expires_at.getTime() < now
          ? "expired"
          : "pending",
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    invitedBy: row.invited_by,
  }));
}

/** The tenant's active admins' ids, in a stable order: who is told when the organization must act. */
export async function activeAdminIds(db: Executor, tenantId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("users")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("role", "=", "admin")
    .where("status", "=", "active")
    .orderBy("id")
    .execute();
  return rows.map((row) => row.id);
}

export async function countActiveAdmins(db: Executor, tenantId: string): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("tenant_id", "=", tenantId)
    .where("role", "=", "admin")
    .where("status", "=", "active")
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * A new password for an active user: the hash, when it changed (earlier sign-in failures stop
 * counting) and a new session version, which ends every session signed in before. Undefined when
 * no active user has that id.
 */
export async function replacePassword(db: Executor, userId: string, passwordHash: string) {
  return db
    .updateTable("users")
    .set({
      password_hash: passwordHash,
      password_changed_at: sql`now()`,
      session_version: sql`session_version + 1`,
    })
    .where("id", "=", userId)
    .where("status", "=", "active")
    .returning(["id", "tenant_id", "email", "name", "session_version"])
    .executeTakeFirst();
}

/** The newest account email kept in the local outbox for an address (server/accounts/mail.ts). */
export async function latestOutboxEmail(db: Executor, to: string) {
  return db
    .selectFrom("account_mail_outbox")
    .select(["id", "to_address", "subject", "html", "text", "created_at"])
    .where("to_address", "=", to.trim().toLowerCase())
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
}
