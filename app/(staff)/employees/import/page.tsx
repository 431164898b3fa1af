import type { Metadata } from "next";
import Link from "next/link";
import { buttonVariants } from "@/app/_components/ui/button";
import { PageHeader } from "@/app/_components/ui/page-header";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { can } from "@/server/roles";
import { EmployeeImportWizard } from "./employee-import-wizard";

export const metadata: Metadata = { title: "Import employees" };

type ImportPageProps = { searchParams: Promise<{ id?: string }> };
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Employee CSV import: upload, map columns, dry run, confirm, follow the progress. The import id lives in the URL. */
export default async function ImportEmployeesPage({ searchParams }: ImportPageProps) {
  await requireRole(can.manageAssets);
  const { id } = await searchParams;
  const importId = id && uuid.test(id) ? id : null;
  if (importId) prefetch(trpc.employees.import.get.queryOptions({ importId }));
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Import employees"
        description="Add and update people from a spreadsheet: rows match people by work email, and every row is checked in a dry run before anything is written."
        actions={
          <Link href="/employees" className={buttonVariants({ variant: "outline" })}>
            Back to employees
          </Link>
        }
      />
      <HydrateClient>
        <EmployeeImportWizard importId={importId} />
      </HydrateClient>
    </div>
  );
}
