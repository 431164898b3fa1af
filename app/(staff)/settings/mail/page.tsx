import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/ui/page-header";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { can } from "@/server/roles";
import { MailPreview } from "./mail-preview";

export const metadata: Metadata = { title: "Mail preview" };

/** The emails the app would have sent, kept here while no mail provider is configured. */
export default async function MailPreviewPage() {
  await requireRole(can.manageTenant);
  prefetch(trpc.notifications.mailPreview.list.queryOptions({}));
  return (
    <>
      <PageHeader
        title="Mail preview"
        description="Without a mail provider (RESEND_API_KEY), the emails the app sends are kept here instead, as their recipients would see them."
      />
      <HydrateClient>
        <MailPreview />
      </HydrateClient>
    </>
  );
}
