import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/ui/page-header";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { can } from "@/server/roles";
import { DeliveryChart } from "./delivery-chart";
import { FailedDeliveries } from "./failed-deliveries";
import { RoleDefaults } from "./role-defaults";
import { SmsSettingsCard } from "./sms-settings";
import { TeamChat } from "./team-chat";
import { TextPreviews } from "./text-previews";

export const metadata: Metadata = { title: "Notification delivery" };

/**
 * The admins' view of notifications: whether they reach people (deliveries by channel and outcome,
 * the failed ones with their reason and a retry), what each role gets by default, the Slack and
 * Teams channels that notification types are routed to, the tenant's own Twilio account for text
 * messages, and the text messages kept while no SMS provider is configured.
 */
export default async function NotificationSettingsPage() {
  await requireRole(can.manageTenant);
  prefetch(trpc.notifications.deliveries.failed.queryOptions({}));
  prefetch(trpc.notifications.roleDefaults.list.queryOptions());
  prefetch(trpc.notifications.textPreview.list.queryOptions({}));
  prefetch(trpc.notifications.chat.settings.queryOptions());
  prefetch(trpc.notifications.sms.settings.queryOptions());
  return (
    <>
      <PageHeader
        title="Notification delivery"
        description="Whether notifications reach people, what each role gets by default, team chat, text messages and the ones kept for preview."
      />
      <HydrateClient>
        <div className="grid gap-6">
          <DeliveryChart />
          <FailedDeliveries />
          <RoleDefaults />
          <TeamChat />
          <SmsSettingsCard />
          <TextPreviews />
        </div>
      </HydrateClient>
    </>
  );
}
