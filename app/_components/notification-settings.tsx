import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { NotificationPreferences } from "./notification-preferences";
import { PageHeader } from "./ui/page-header";

/** The notification settings page's body, shared by the staff account and the employee portal. */
export function NotificationSettings() {
  prefetch(trpc.notifications.preferences.queryOptions());
  return (
    <div className="grid max-w-3xl gap-6">
      <PageHeader
        title="Notifications"
        description="Choose what you hear about, on which channel, and when to be left alone."
      />
      <HydrateClient>
        <NotificationPreferences />
      </HydrateClient>
    </div>
  );
}
