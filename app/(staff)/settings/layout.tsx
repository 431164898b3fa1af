import type { ReactNode } from "react";
import { requireRole } from "@/server/auth/guards";
import { staffRoles } from "@/server/roles";
import { SettingsNav } from "./settings-nav";

/**
 * Settings: every staff role may enter; each page checks its own roles (users and automation are
 * for admins and auditors, reference data for all staff, changed by admins and IT staff).
 */
export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const user = await requireRole(staffRoles);
  return (
    <div className="grid gap-6">
      <SettingsNav role={user.role} />
      {children}
    </div>
  );
}
