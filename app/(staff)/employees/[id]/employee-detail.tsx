"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { ChevronLeft } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { Timeline } from "@/app/_components/timeline";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { PageHeader } from "@/app/_components/ui/page-header";
import { formatDay } from "@/app/_lib/format";
import { useTRPC } from "@/app/_trpc/client";
import { EmployeeStatusBadge } from "../employee-status-badge";
import { HeldAssets } from "./held-assets";

export function EmployeeDetailView({ employeeId }: { employeeId: string }) {
  const trpc = useTRPC();
  const { data: employee } = useSuspenseQuery(trpc.employees.get.queryOptions({ employeeId }));
  const facts: Array<[string, ReactNode]> = [
    ["Email", employee.email],
    ["Employee number", employee.employeeNumber],
    ["Title", employee.title],
    ["Department", employee.department?.name],
    ["Location", employee.location?.name],
    ["Hired", employee.hireDate ? formatDay(employee.hireDate) : null],
    ["Left", employee.terminationDate ? formatDay(employee.terminationDate) : null],
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
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <Card>
          <CardHeader>
            <CardTitle>Details</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-[minmax(7rem,auto)_1fr] gap-x-4 gap-y-2 text-sm">
              {facts.map(([term, value]) => (
                <div key={term} className="contents">
                  <dt className="text-muted-foreground">{term}</dt>
                  <dd className="min-w-0 break-words">{value || "—"}</dd>
                </div>
              ))}
            </dl>
          </CardContent>
        </Card>
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
          <CardTitle>History</CardTitle>
        </CardHeader>
        <CardContent>
          <Timeline entityType="employee" entityId={employee.id} label={`History of ${employee.name}`} />
        </CardContent>
      </Card>
    </div>
  );
}
