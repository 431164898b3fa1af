"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { DateTime } from "@/app/_components/time-zone";
import { Button } from "@/app/_components/ui/button";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/client";
import type { EmployeeLicense } from "@/server/licenses/schemas";
import { ExpiryCell } from "../../licenses/license-badges";
import { RevokeLicenseDialog } from "../../licenses/revoke-license-dialog";

/** The licences the employee holds now; `canManage`: a Revoke button on each. */
export function EmployeeLicenses({
  employee,
  canManage,
}: {
  employee: { id: string; name: string };
  canManage: boolean;
}) {
  const trpc = useTRPC();
  const held = useQuery(trpc.licenses.forEmployee.queryOptions({ employeeId: employee.id }));
  const [revoking, setRevoking] = useState<EmployeeLicense | null>(null);
  if (!held.data) {
    return held.isError ? (
      <p role="alert" className="text-sm text-destructive">
        {held.error.message}
      </p>
    ) : (
      <Skeleton className="h-16" role="status" aria-label="Loading licences" />
    );
  }
  if (held.data.length === 0) {
    return <p className="text-sm text-muted-foreground">{employee.name} holds no licences.</p>;
  }
  return (
    <>
      <Table stickyFirstColumn aria-label={`Licences held by ${employee.name}`}>
        <TableHeader>
          <TableRow>
            <TableHead>Licence</TableHead>
            <TableHead>Assigned</TableHead>
            <TableHead>Expires</TableHead>
            {canManage ? (
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            ) : null}
          </TableRow>
        </TableHeader>
        <TableBody>
          {held.data.map((row) => (
            <TableRow key={row.assignmentId}>
              <TableCell>
                <Link
                  href={`/licenses/${row.license.id}`}
                  className="rounded-sm font-medium underline-offset-4 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring"
                >
                  {row.license.name}
                </Link>
                {row.license.vendor ? (
                  <span className="block text-xs text-muted-foreground">{row.license.vendor}</span>
                ) : null}
              </TableCell>
              <TableCell>
                <DateTime value={row.assignedAt} date />
              </TableCell>
              <TableCell>
                <ExpiryCell expiresOn={row.expiresOn} />
              </TableCell>
              {canManage ? (
                <TableCell className="text-right">
                  <Button variant="outline" size="sm" onClick={() => setRevoking(row)}>
                    Revoke<span className="sr-only"> {row.license.name}</span>
                  </Button>
                </TableCell>
              ) : null}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {revoking ? (
        <RevokeLicenseDialog
          license={revoking.license}
          employee={employee}
          onClose={() => setRevoking(null)}
        />
      ) : null}
    </>
  );
}
