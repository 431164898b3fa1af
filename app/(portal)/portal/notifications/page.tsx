import type { Metadata } from "next";
import { NotificationSettings } from "@/app/_components/notification-settings";
import { requireRole } from "@/server/auth/guards";
import { tenantRoles } from "@/server/roles";

export const metadata: Metadata = { title: "Notifications" };

/** An employee's notification settings, inside the portal they use (staff have theirs in their account). */
export default async function PortalNotificationsPage() {
  await requireRole(tenantRoles);
  return <NotificationSettings />;
}
