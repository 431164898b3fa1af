import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/ui/page-header";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { can } from "@/server/roles";
import { AgentDevicesCard } from "./devices-card";
import { AgentPolicyCard } from "./policy-card";
import { EnrollmentTokensCard } from "./tokens-card";

export const metadata: Metadata = { title: "Agent" };

export default async function AgentSettingsPage() {
  await requireRole(can.manageTenant);
  prefetch(trpc.agent.overview.queryOptions());
  prefetch(trpc.agent.tokens.queryOptions());
  prefetch(trpc.agent.devices.queryOptions({}));
  return (
    <>
      <PageHeader
        title="Agent"
        description="Enroll devices with the Assetronics agent: they report their hardware and software, and stay matched to their assets."
      />
      <HydrateClient>
        <div className="grid gap-6">
          <EnrollmentTokensCard />
          <AgentPolicyCard />
          <AgentDevicesCard />
        </div>
      </HydrateClient>
    </>
  );
}
