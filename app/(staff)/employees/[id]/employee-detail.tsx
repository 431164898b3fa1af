"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { ChevronLeft } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { FilesPanel } from "@/app/_components/files-panel";
import { Timeline } from "@/app/_components/timeline";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { PageHeader } from "@/app/_components/ui/page-header";
import { formatDay } from "@/app/_lib/format";
import { useTRPC } from "@/app/_trpc/client";
import type { AppRouter } from "@/server/router";
import { OpenWorkflows } from "../../workflows/open-workflows";
import { EmployeeStatusBadge } from "../employee-status-badge";
import { employmentTypeLabels } from "./edit-employee-dialog";
import { EmployeeActions } from "./employee-actions";
import { EmployeeLicenses } from "./employee-licenses";
import { HeldAssets } from "./held-assets";
import { PersonalData } from "./personal-data";

/**
 * `canManageFiles`: contracts and onboarding documents are for admins and IT staff only.
 * `canManage`: the actions (edit, terminate, reactivate) and revealing personal data, likewise.
 */
export function EmployeeDetailView({
  employeeId,
  canManageFiles,
  canManage,
  canLinkUser,
}: {
  employeeId: string;
  canManageFiles: boolean;
  canManage: boolean;
  canLinkUser: boolean;
}) {
  const trpc = useTRPC();
  const { data: employee } = useSuspenseQuery(trpc.employees.get.queryOptions({ employeeId }));
  // The third entry names the field an integration may own (server/integrations/sync/person.ts).
  const facts: Array<[string, ReactNode, string?]> = [
    ["Email", employee.email, "workEmail"],
    ["Employee number", employee.employeeNumber, "employeeNumber"],
    ["Title", employee.title, "title"],
    ["Department", employee.department?.name, "departmentId"],
    ["Location", employee.location?.name, "locationId"],
    [
      "Manager",
      employee.manager ? (
        <Link
          key="manager"
          href={`/employees/${employee.manager.id}`}
          className="underline-offset-4 hover:underline"
        >
          {employee.manager.name}
        </Link>
      ) : null,
      "managerId",
    ],
    [
      "Employment",
      employee.employmentType
        ? employmentTypeLabels[employee.employmentType as keyof typeof employmentTypeLabels]
        : null,
    ],
    ["Hired", employee.hireDate ? formatDay(employee.hireDate) : null, "hireDate"],
    [
      employee.status === "terminated" ? "Left" : "Leaves",
      employee.terminationDate ? formatDay(employee.terminationDate) : null,
    ],
    ["Reason for leaving", employee.terminationReason],
    ["Signs in as", employee.user?.email],
  ];

  return (
    <div className="grid gap-6">
      <Link
        href="/employees"
        className="inline-flex w-fit items-center gap-1 rounded-sm text-sm text-muted-foreground outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring"
      >
        <ChevronLeft aria-hidden className="size-4" /> Employees
      </Link>
      <PageHeader
        title={employee.name}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <EmployeeStatusBadge status={employee.status} />
            {employee.title ? <span>{employee.title}</span> : null}
            <span>
              holds {employee.assetCount} {employee.assetCount === 1 ? "asset" : "assets"}
            </span>
          </span>
        }
        actions={canManage ? <EmployeeActions employee={employee} canLinkUser={canLinkUser} /> : null}
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <div className="grid content-start gap-6">
          <Card>
            <CardHeader>
              <CardTitle>Details</CardTitle>
              {employee.sync ? (
                <CardDescription>
                  Synced from{" "}
                  <Link
                    href={`/settings/integrations/${employee.sync.integrationId}`}
                    className="underline underline-offset-4"
                  >
                    {employee.sync.integrationName}
                  </Link>
                  {employee.sync.fieldPolicy === "keep_local_edits"
                    ? ": edits made here are kept."
                    : ": its next sync overwrites edits made here."}
                </CardDescription>
              ) : null}
            </CardHeader>
            <CardContent>
              <dl className="grid grid-cols-[minmax(7rem,auto)_1fr] gap-x-4 gap-y-2 text-sm">
                {facts.map(([term, value, field]) => (
                  <div key={term} className="contents">
                    <dt className="text-muted-foreground">{term}</dt>
                    <dd className="min-w-0 break-words">
                      <span>{value || "—"}</span>
                      {field && employee.sync ? <FieldSource field={field} sync={employee.sync} /> : null}
                    </dd>
                  </div>
                ))}
              </dl>
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Personal data</CardTitle>
            </CardHeader>
            <CardContent>
              <PersonalData employeeId={employee.id} fields={employee.personalFields} canReveal={canManage} />
            </CardContent>
          </Card>
          <OpenWorkflows
            subject={{ type: "employee", id: employee.id, name: employee.name }}
            canStart={canManage}
          />
        </div>
        <Card>
          <CardHeader>
            <CardTitle>Assets held</CardTitle>
          </CardHeader>
          <CardContent>
            <HeldAssets employeeId={employee.id} name={employee.name} />
          </CardContent>
        </Card>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Licences</CardTitle>
        </CardHeader>
        <CardContent>
          <EmployeeLicenses employee={employee} canManage={canManage} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>History</CardTitle>
        </CardHeader>
        <CardContent>
          <Timeline entityType="employee" entityId={employee.id} label={`History of ${employee.name}`} />
        </CardContent>
      </Card>
      {canManageFiles ? (
        <Card>
          <CardHeader>
            <CardTitle>Files</CardTitle>
          </CardHeader>
          <CardContent>
            <FilesPanel
              owner={{ type: "employee", id: employee.id }}
              label={`Files of ${employee.name}`}
              canManage
            />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}

type Sync = NonNullable<inferRouterOutputs<AppRouter>["employees"]["get"]["sync"]>;

/**
 * Where a field's value comes from when an integration owns it: the provider, or an edit made
 * here that the integration's policy keeps or its next sync overwrites.
 */
function FieldSource({ field, sync }: { field: string; sync: Sync }) {
  if (!sync.ownedFields.includes(field)) return null;
  const edited = sync.overriddenFields.includes(field);
  return (
    <span className="ml-2 text-xs text-muted-foreground">
      {edited
        ? sync.fieldPolicy === "keep_local_edits"
          ? `· edited here, kept over ${sync.integrationName}`
          : `· edited here, ${sync.integrationName} overwrites it at the next sync`
        : `· from ${sync.integrationName}`}
    </span>
  );
}
