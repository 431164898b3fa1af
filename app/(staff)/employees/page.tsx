import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/ui/page-header";
import { toUrlSearchParams } from "@/app/_lib/search-params";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { can } from "@/server/trpc";
import { EmployeeList } from "./employee-list";
import { employeeListInput, employeeViewFromParams } from "./list-params";
import { NewEmployeeDialog } from "./new-employee-dialog";

export const metadata: Metadata = { title: "Employees" };

type EmployeesPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function EmployeesPage({ searchParams }: EmployeesPageProps) {
  const user = await requireRole(can.readTenant);
  const canManage = can.manageAssets.some((role) => role === user.role);
  const view = employeeViewFromParams(toUrlSearchParams(await searchParams));
  prefetch(trpc.employees.list.queryOptions(employeeListInput(view)));
  return (
    <div className="grid gap-6">
      <HydrateClient>
        <PageHeader
          title="Employees"
          description="The people who hold your assets, and what each of them has."
          actions={canManage ? <NewEmployeeDialog /> : null}
        />
        <EmployeeList />
      </HydrateClient>
    </div>
  );
}
