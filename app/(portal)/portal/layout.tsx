import type { ReactNode } from "react";
import { AppShell } from "@/app/_components/app-shell";
import type { NavItem } from "@/app/_components/nav";
import { requireRole } from "@/server/auth/guards";
import { tenantRoles } from "@/server/roles";

const portalNav: NavItem[] = [
  { href: "/portal", label: "My equipment", icon: "portal", roles: tenantRoles },
  { href: "/portal/requests", label: "Request equipment", icon: "laptop", roles: tenantRoles },
  { href: "/portal/tasks", label: "My tasks", icon: "tasks", roles: tenantRoles },
];

/** The self-service portal: every member of a tenant may use it; employees see only this. */
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const user = await requireRole(tenantRoles);
  const nav: NavItem[] =
    user.role === "employee"
      ? portalNav
      : [
          ...portalNav,
          { href: "/dashboard", label: "Back to the app", icon: "dashboard", roles: tenantRoles },
        ];
  return (
    <AppShell user={user} nav={nav} navLabel="Portal">
      {children}
    </AppShell>
  );
}
