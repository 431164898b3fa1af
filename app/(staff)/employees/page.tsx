import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/app/_components/ui/button";
import { PageHeader } from "@/app/_components/ui/page-header";
import { toUrlSearchParams } from "@/app/_lib/search-params";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { can, hasRole } from "@/server/roles";
import { EmployeeList } from "./employee-list";
import { employeeListInput, employeeViewFromParams } from "./list-params";
import { NewEmployeeDialog } from "./new-employee-dialog";

export const metadata: Metadata = { title: "Employees" };

type EmployeesPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function EmployeesPage({ searchParams }: EmployeesPageProps) {
  const user = await requireRole(can.readTenant);
  const canManage = hasRole(user.role, can.manageAssets);
  const view = employeeViewFromParams(toUrlSearchParams(await searchParams));
  prefetch(trpc.employees.list.queryOptions(employeeListInput(view)));
  return (
    <div className="grid gap-6">
      <HydrateClient>
        <PageHeader
          title="Employees"
          description="The people who hold your assets, and what each of them has."
          actions={
            <>
              <Button variant="outline" asChild>
                <Link href="/employees/requests">Equipment requests</Link>
              </Button>
              <Button variant="outline" asChild>
                <Link href="/employees/receipts">Pending receipts</Link>
              </Button>
              {canManage ? (
                <>
                  <Button variant="outline" asChild>
                    <Link href="/employees/import">Import CSV</Link>
                  </Button>
                  <NewEmployeeDialog />
                </>
              ) : null}
            </>
          }
        />
        <EmployeeList canImport={canManage} />
      </HydrateClient>
    </div>
  );
}
