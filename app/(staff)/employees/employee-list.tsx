"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Users } from "lucide-react";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { ListStates } from "@/app/_components/list-states";
import { Pagination } from "@/app/_components/pagination";
import { SearchBox } from "@/app/_components/search-box";
import { Card, CardContent } from "@/app/_components/ui/card";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/app/_components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { formatDay } from "@/app/_lib/format";
import { useTRPC } from "@/app/_trpc/client";
import {
  EMPLOYEE_SEARCH_MAX,
  type EmployeeSort,
  type EmployeeStatus,
  employeeListViews,
  employeeStatuses,
} from "@/server/employees/schemas";
import { SortableHead } from "../assets/sortable-head";
import { EmployeeStatusBadge } from "./employee-status-badge";
import { ExportEmployeesButton } from "./export-button";
import {
  type EmployeeListView,
  employeeListInput,
  employeeStatusLabels,
  employeeViewFromParams,
  employeeViewLabels,
  isFiltered,
  paramsFromEmployeeView,
} from "./list-params";

const ANY = "any";

/** `canImport`: the empty state links its "import them" to the CSV import (admins and IT staff). */
export function EmployeeList({ canImport = false }: { canImport?: boolean }) {
  const trpc = useTRPC();
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const view = employeeViewFromParams(new URLSearchParams(searchParams.toString()));
  const list = useQuery({
    ...trpc.employees.list.queryOptions(employeeListInput(view)),
    placeholderData: keepPreviousData,
  });
  const update = (patch: Partial<EmployeeListView>, replace = false) => {
    const query = paramsFromEmployeeView({ ...view, page: 1, ...patch }).toString();
    const url = query ? `${pathname}?${query}` : pathname;
    if (replace) window.history.replaceState(null, "", url);
    else window.history.pushState(null, "", url);
  };
  const head = {
    current: view.sort,
    dir: view.direction,
    onSort: (sort: EmployeeSort, direction: "asc" | "desc") => update({ sort, direction }),
    // Names sort A to Z first; dates, newest first.
    firstDirection: (sort: EmployeeSort) => (sort === "hireDate" ? ("desc" as const) : ("asc" as const)),
  };
  const narrowedBy = [
    view.managerId ? "manager" : null,
    view.departmentId ? "department" : null,
    view.locationId ? "location" : null,
  ].filter(Boolean);

  return (
    <Card>
      <CardContent className="grid gap-4">
        <search aria-label="Filter employees" className="flex flex-wrap items-center gap-2">
          <SearchBox
            value={view.q ?? ""}
            onSearch={(q) => update({ q: q || undefined }, true)}
            label="Search employees by name, email or employee number"
            limit={EMPLOYEE_SEARCH_MAX}
            placeholder="Search name, email or number…"
          />
          <Select
            value={view.status ?? ANY}
            onValueChange={(value) =>
              update({ status: value === ANY ? undefined : (value as EmployeeStatus) })
            }
          >
            <SelectTrigger className="w-44" aria-label="Employment status">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ANY}>Any status</SelectItem>
              {employeeStatuses.map((status) => (
                <SelectItem key={status} value={status}>
                  {employeeStatusLabels[status]}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          <Select
            value={view.view ?? ANY}
            onValueChange={(value) =>
              update({ view: value === ANY ? undefined : (value as EmployeeListView["view"]) })
            }
          >
            <SelectTrigger className="w-64" aria-label="Show">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ANY}>Everyone</SelectItem>
              {employeeListViews.map((listView) => (
                <SelectItem key={listView} value={listView}>
                  {employeeViewLabels[listView]}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          {narrowedBy.length > 0 ? (
            <button
              type="button"
              className="rounded-sm text-sm text-muted-foreground underline-offset-4 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring"
              onClick={() => update({ managerId: undefined, departmentId: undefined, locationId: undefined })}
            >
              Showing one {narrowedBy.join(", ")} only: show all
            </button>
          ) : null}
          <div className="ml-auto">
            <ExportEmployeesButton view={view} />
          </div>
        </search>
        <ListStates
          noun="employees"
          query={list}
          page={list.data}
          filtered={isFiltered(view) || view.page > 1}
          noMatch={{ title: "No one matches", description: "Try another search or filter." }}
          empty={{
            icon: <Users aria-hidden />,
            title: "No employees yet",
            description: canImport ? (
              <>
                Add people by hand,{" "}
                <Link href="/employees/import" className="underline underline-offset-4">
                  import them
                </Link>
                , or connect your HR system; then assign them assets.
              </>
            ) : (
              "Add people by hand, import them, or connect your HR system; then assign them assets."
            ),
          }}
        >
          {(page) => (
            <>
              <Table stickyFirstColumn aria-label="Employees" aria-busy={list.isPlaceholderData}>
                <TableHeader>
                  <TableRow>
                    <SortableHead sort="name" {...head}>
                      Name
                    </SortableHead>
                    <TableHead>Email</TableHead>
                    <SortableHead sort="department" {...head}>
                      Department
                    </SortableHead>
                    <TableHead>Title</TableHead>
                    <SortableHead sort="hireDate" {...head}>
                      Hired
                    </SortableHead>
                    <SortableHead sort="status" {...head}>
                      Status
                    </SortableHead>
                    <TableHead className="text-right">Assets</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {page.items.map((employee) => (
                    <TableRow key={employee.id}>
                      <TableCell>
                        <Link
                          href={`/employees/${employee.id}`}
                          className="rounded-sm font-medium underline-offset-4 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring"
                        >
                          {employee.name}
                        </Link>
                        {employee.employeeNumber ? (
                          <span className="block text-xs text-muted-foreground">
                            #{employee.employeeNumber}
                          </span>
                        ) : null}
                      </TableCell>
                      <TableCell className="text-muted-foreground">{employee.email ?? "—"}</TableCell>
                      <TableCell>{employee.department ?? "—"}</TableCell>
                      <TableCell>{employee.title ?? "—"}</TableCell>
                      <TableCell className="tabular-nums">
                        {employee.hireDate ? formatDay(employee.hireDate) : "—"}
                      </TableCell>
                      <TableCell>
                        <EmployeeStatusBadge status={employee.status} />
                      </TableCell>
                      <TableCell className="text-right tabular-nums">
                        {employee.assetCount ? (
                          <Link
                            href={`/assets?employee=${employee.id}`}
                            className="underline-offset-4 hover:underline"
                          >
                            {employee.assetCount}
                            <span className="sr-only"> assets held by {employee.name}</span>
                          </Link>
                        ) : (
                          <span className="text-muted-foreground">0</span>
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
              <Pagination
                page={page.page}
                pageSize={page.pageSize}
                shown={page.items.length}
                total={page.total}
                totalIsCapped={page.totalIsCapped}
                noun="employees"
                onPageChange={(next) => update({ page: next })}
              />
            </>
          )}
        </ListStates>
      </CardContent>
    </Card>
  );
}
