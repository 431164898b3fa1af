import type { Metadata } from "next";
import { Card, CardContent } from "@/app/_components/ui/card";
import { PageHeader } from "@/app/_components/ui/page-header";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { can } from "@/server/roles";
import { MyTasks } from "../workflows/my-tasks";

export const metadata: Metadata = { title: "My tasks" };

export default async function MyTasksPage() {
  await requireRole(can.readTenant);
  prefetch(trpc.workflows.myTasks.queryOptions());
  return (
    <div className="grid gap-6">
      <HydrateClient>
        <PageHeader
          title="My tasks"
          description="Workflow steps waiting for you or your role, soonest due first."
        />
        <Card>
          <CardContent>
            <MyTasks />
          </CardContent>
        </Card>
      </HydrateClient>
    </div>
  );
}
