import type { Actor } from "@/inngest/events";
import type { Db, Trx } from "./db";
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

/** What every tenant service receives: narrowed once by the tenant procedure, never re-checked. */
export type TenantContext = {
  db: Trx;
  tenantId: string;
  user: TenantUser;
  actor: Actor;
  requestId: string;
};

export type PlatformContext = { db: Db; user: SessionUser; actor: Actor; requestId: string };

export const userActor = (user: Pick<SessionUser, "id" | "name" | "email">): Actor => ({
  type: "user",
  id: user.id,
  label: `${user.name} <${user.email}>`,
});

/** The platform's own event stream (super admin sign-ins and the like) uses the nil tenant id. */
export const PLATFORM_TENANT_ID = "00000000-0000-0000-0000-000000000000";
