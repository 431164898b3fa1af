import { Laptop } from "lucide-react";
import type { Metadata } from "next";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { PageHeader } from "@/app/_components/ui/page-header";
import { requireTenantRole } from "@/server/auth/guards";
import { tenantRoles } from "@/server/roles";

export const metadata: Metadata = { title: "My equipment" };

export default async function PortalHome() {
  const user = await requireTenantRole(tenantRoles);
  return (
    <div className="grid gap-6">
      <PageHeader
        title={`Hello, ${user.name.split(" ")[0]}`}
        description={`Your equipment and requests at ${user.tenantName}.`}
      />
      <Card>
        <CardHeader>
          <CardTitle>Equipment you hold</CardTitle>
        </CardHeader>
        <CardContent>
          <EmptyState
            icon={<Laptop aria-hidden />}
            title="Nothing assigned to you"
            description="When IT assigns you a device it appears here, and you can acknowledge receipt or report a problem."
          />
        </CardContent>
      </Card>
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
