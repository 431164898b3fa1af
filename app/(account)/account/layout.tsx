import type { ReactNode } from "react";
import { AppShell } from "@/app/_components/app-shell";
import { type NavItem, navFor } from "@/app/_components/nav";
import { requireRole } from "@/server/auth/guards";
import { type Role, roles, tenantRoles } from "@/server/roles";

/** Every signed-in person has an account page; the sidebar is the one of their usual area. */
function accountNav(role: Role): NavItem[] {
  if (role === "super_admin")
    return [{ href: "/platform", label: "Tenants", icon: "building", roles: [role] }];
  if (role === "employee")
    return [{ href: "/portal", label: "My equipment", icon: "portal", roles: tenantRoles }];
  return navFor(role);
}

export default async function AccountLayout({ children }: { children: ReactNode }) {
  const user = await requireRole(roles);
  return (
    <AppShell user={user} nav={accountNav(user.role)} navLabel="Main">
      {children}
    </AppShell>
  );
}
