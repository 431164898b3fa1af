import type { ReactNode } from "react";
import { AppShell } from "@/app/_components/app-shell";
import type { NavItem } from "@/app/_components/nav";
import { requireRole } from "@/server/auth/guards";

const nav: NavItem[] = [{ href: "/platform", label: "Tenants", icon: "building", roles: ["super_admin"] }];

export default async function PlatformLayout({ children }: { children: ReactNode }) {
  const user = await requireRole(["super_admin"]);
  return (
    <AppShell user={user} nav={nav} navLabel="Platform">
      {children}
    </AppShell>
  );
}
