import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getQueryClient, HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { can, hasRole } from "@/server/roles";
import { EmployeeDetailView } from "./employee-detail";
import { heldAssetsInput } from "./held-assets-input";

type EmployeePageProps = { params: Promise<{ id: string }> };

/** The employee, or a 404 for an id this organization does not have. */
async function loadEmployee(employeeId: string) {
  await requireRole(can.readTenant);
  try {
    return await getQueryClient().fetchQuery(trpc.employees.get.queryOptions({ employeeId }));
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
      notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: EmployeePageProps): Promise<Metadata> {
  return { title: (await loadEmployee((await params).id)).name };
}

export default async function EmployeePage({ params }: EmployeePageProps) {
  const user = await requireRole(can.readTenant);
  const { id } = await params;
  await loadEmployee(id);
  prefetch(trpc.assets.list.queryOptions(heldAssetsInput(id, 1)));
  prefetch(trpc.licenses.forEmployee.queryOptions({ employeeId: id }));
  return (
    <HydrateClient>
      <EmployeeDetailView
        employeeId={id}
        canManageFiles={hasRole(user.role, can.manageAssets)}
        canManage={hasRole(user.role, can.manageAssets)}
        canLinkUser={hasRole(user.role, can.manageTenant)}
      />
    </HydrateClient>
  );
}
