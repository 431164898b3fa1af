import { randomUUID } from "node:crypto";
import { type Actor, systemActor } from "@/inngest/events";
import type { Trx } from "./db";
import { AppError } from "./errors";
import type { Role, TenantRole } from "./roles";

/** The signed-in person as loaded from the database on every request. */
export type SessionUser = {
  id: string;
  tenantId: string | null;
  tenantName: string | null;
  role: Role;
  email: string;
  name: string;
};

export type TenantUser = SessionUser & { tenantId: string; tenantName: string; role: TenantRole };

/**
 * The signed-in user as a member of their tenant, or FORBIDDEN: platform accounts (super admins)
 * belong to no tenant. The one check every tenant rung makes (server/trpc.ts's procedures, the
 * integrations' procedure without a transaction, server/route.ts's handlers), so each refuses alike.
 */
export function tenantUserOf(user: SessionUser): TenantUser {
  if (!user.tenantId || !user.tenantName || user.role === "super_admin") {
    throw new AppError("FORBIDDEN", "This belongs to an organization; platform accounts have none.");
  }
  return { ...user, tenantId: user.tenantId, tenantName: user.tenantName, role: user.role };
}

/**
 * Why a change is being made, when automation makes it: the event a function is handling, the
 * root of that event's chain, and the function run. emit() records it on every event the change
 * produces (`caused_by`, `correlation_id`, ...), so the audit trail can answer "why did the system
 * do this?". A person's request has no cause: its events start a new chain.
 */
export type Cause = {
  eventId: string;
  correlationId: string;
  functionId: string | null;
  runId: string | null;
};

/**
 * What every tenant service receives: one tenant's RLS transaction and who is acting. The actor is
 * a user (a request), the system (automation), an integration (a sync) or an agent (a device).
 */
export type TenantScope = {
  db: Trx;
  tenantId: string;
  actor: Actor;
  requestId: string;
  cause: Cause | null;
};

/** A tenant scope with the signed-in person, for the few services that need the person. */
export type UserScope = TenantScope & { user: TenantUser };

/**
 * The scope of a person's request in their tenant, over `db` (the request's transaction, or the
 * pool for a handler that reads per batch): the person as actor, and no cause, so their events
 * start a new chain.
 */
export function userScopeOf<D>(
  db: D,
  user: TenantUser,
  requestId: string,
): Omit<UserScope, "db"> & { db: D } {
  return { db, tenantId: user.tenantId, user, actor: userActor(user), requestId, cause: null };
}

/** What platform services receive: the platform transaction (app.platform on) and the operator. */
export type PlatformScope = { db: Trx; user: SessionUser; actor: Actor; requestId: string };

export const userActor = (user: Pick<SessionUser, "id" | "name" | "email">): Actor => ({
  type: "user",
  id: user.id,
  label: `${user.name} <${user.email}>`,
});

/**
 * The scope automation acts in: one tenant's transaction with the system as actor, labelled for the
 * audit log (the function's name, say), and the cause that led to it. Services take it exactly as
 * they take a request's scope. Without a request, the request id is fresh, so logs of one run's
 * work still correlate.
 */
export function systemScope(
  db: Trx,
  tenantId: string,
  options: { label: string; cause: Cause | null; requestId?: string },
): TenantScope {
  return {
    db,
    tenantId,
    actor: systemActor(options.label),
    requestId: options.requestId ?? randomUUID(),
    cause: options.cause,
  };
}

/**
 * Runs `work` in one transaction of a tenant, in a scope fixed beforehand (actor, cause): how a job
 * that spans many short transactions (an import's batches) acts in each as the same actor for the
 * same cause. An Inngest function gets one from inngest/functions/in-tenant.ts.
 */
export type InTenant = <T>(work: (scope: TenantScope) => Promise<T>) => Promise<T>;

/**
 * The user a change is recorded against (started_by, invited_by, ...): the acting person, or null
 * when automation, an integration or an agent made it. Columns that say "who did it" take this, so
 * the service runs from automation too; the audit log keeps the full actor.
 */
export function actingUserId(actor: Actor): string | null {
  return actor.type === "user" ? actor.id : null;
}

/**
 * The nil tenant id, wherever a row needs a tenant and has none: the platform's own event stream
 * (super admin sign-ins and the like) and automation runs that belong to no tenant (cron runs,
 * events without one).
 */
export const PLATFORM_TENANT_ID = "00000000-0000-0000-0000-000000000000";
