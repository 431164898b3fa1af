import type { Metadata } from "next";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { PageHeader } from "@/app/_components/ui/page-header";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { tenantRoles } from "@/server/roles";
import { MyEquipment } from "./my-equipment";

export const metadata: Metadata = { title: "My equipment" };

export default async function PortalHome() {
  const user = await requireRole(tenantRoles);
  prefetch(trpc.portal.myEquipment.queryOptions());
  return (
    <div className="grid gap-6">
      <PageHeader
        title={`Hello, ${user.name.split(" ")[0]}`}
        description={`Your equipment and requests at ${user.tenantName}.`}
      />
      <HydrateClient>
        <MyEquipment />
      </HydrateClient>
      <Card>
        <CardHeader>
          <CardTitle>Your account</CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-[8rem_1fr] gap-2 text-sm">
            <dt className="text-muted-foreground">Name</dt>
            <dd>{user.name}</dd>
            <dt className="text-muted-foreground">Email</dt>
            <dd>{user.email}</dd>
            <dt className="text-muted-foreground">Organization</dt>
            <dd>{user.tenantName}</dd>
          </dl>
        </CardContent>
      </Card>
    </div>
  );
}
