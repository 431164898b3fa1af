import { forbidden, redirect } from "next/navigation";
import type { SessionUser, TenantUser } from "../context";
import { hasRole, type Role, type TenantRole } from "../roles";
import { getSessionUser } from "./session";

/** The user a page gets: with its tenant when every allowed role belongs to one. */
export type PageUser<R extends Role> = [R] extends [TenantRole]
  ? TenantUser & { role: R }
  : SessionUser & { role: R };

/**
 * The one role check for pages and layouts: the signed-in user when their role is one of `roles`;
 * without a session, off to the sign-in page; with another role, HTTP 403 (app/forbidden.tsx).
 * Pages that let anyone signed in through pass every role (`roles` from server/roles.ts).
 */
export async function requireRole<R extends Role>(roles: readonly R[]): Promise<PageUser<R>> {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  if (!hasRole(user.role, roles)) forbidden();
  // a tenant role always comes with its tenant; the check narrows the type for the page
  if (user.role !== "super_admin" && (!user.tenantId || !user.tenantName)) forbidden();
  return user as PageUser<R>;
}
