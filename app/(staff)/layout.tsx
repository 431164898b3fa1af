import type { ReactNode } from "react";
import { AppShell } from "@/app/_components/app-shell";
import { navFor } from "@/app/_components/nav";
import { requireRole } from "@/server/auth/guards";
import { staffRoles } from "@/server/roles";

export default async function StaffLayout({ children }: { children: ReactNode }) {
  const user = await requireRole(staffRoles);
  return (
    <AppShell user={user} nav={navFor(user.role)} navLabel="Main">
      {children}
    </AppShell>
  );
}
