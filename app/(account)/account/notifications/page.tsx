import { BellOff } from "lucide-react";
import type { Metadata } from "next";
import { NotificationSettings } from "@/app/_components/notification-settings";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { PageHeader } from "@/app/_components/ui/page-header";
import { requireRole } from "@/server/auth/guards";
import { roles } from "@/server/roles";

export const metadata: Metadata = { title: "Notifications" };

/**
 * A signed-in person's own notification settings (employees reach the same page in the portal).
 * Everyone the account area lets in may open it, since a refusal under its loading boundary would
 * answer 200: a platform operator, who belongs to no organization, is told why there is nothing.
 */
export default async function AccountNotificationsPage() {
  const user = await requireRole(roles);
  if (!user.tenantId) {
    return (
      <div className="grid max-w-3xl gap-6">
        <PageHeader title="Notifications" />
        <EmptyState
          icon={<BellOff aria-hidden />}
          title="No notifications for platform operators"
          description="Notifications are about an organization's equipment and people; your account belongs to none."
        />
      </div>
    );
  }
  return <NotificationSettings />;
}
