import { forbidden, redirect } from "next/navigation";
import type { SessionUser, TenantUser } from "../context";
import type { Role, TenantRole } from "../roles";
import { getSessionUser } from "./session";

/** Pages: the signed-in user, or off to the sign-in page. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  return user;
}

/** Pages: a user with one of `roles`, else HTTP 403 (app/forbidden.tsx). */
export async function requireRole(roles: readonly Role[]): Promise<SessionUser> {
  const user = await requireUser();
  if (!roles.includes(user.role)) forbidden();
  return user;
}

export async function requireTenantRole(roles: readonly TenantRole[]): Promise<TenantUser> {
  const user = await requireRole(roles);
  if (!user.tenantId || !user.tenantName) forbidden();
  return user as TenantUser;
}
