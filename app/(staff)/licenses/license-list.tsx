"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { ListStates } from "@/app/_components/list-states";
import { Pagination } from "@/app/_components/pagination";
import { SearchBox } from "@/app/_components/search-box";
import { Badge } from "@/app/_components/ui/badge";
import { Card, CardContent } from "@/app/_components/ui/card";
import { Checkbox } from "@/app/_components/ui/checkbox";
import { Label } from "@/app/_components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/client";
import { formatMoney } from "@/server/money";
import { NAME_MAX } from "@/server/schemas/primitives";
import { ExpiryCell, SeatBar } from "./license-badges";
import { firstLicensePage, LICENSE_PAGE_SIZE } from "./list-input";

/** The licences: seats in use of the total, cost per seat and expiry, searchable by name or vendor. */
export function LicenseList() {
  const trpc = useTRPC();
  const [q, setQ] = useState("");
  const [includeArchived, setIncludeArchived] = useState(false);
  const [page, setPage] = useState(1);
  const list = useQuery({
    ...trpc.licenses.list.queryOptions({
      ...firstLicensePage,
      q: q || undefined,
      includeArchived,
      offset: (page - 1) * LICENSE_PAGE_SIZE,
    }),
    placeholderData: keepPreviousData,
  });

  return (
    <Card>
      <CardContent className="grid gap-4">
        <search aria-label="Filter licences" className="flex flex-wrap items-center gap-4">
          <SearchBox
            value={q}
            onSearch={(next) => {
              setQ(next);
              setPage(1);
            }}
            label="Search licences by name or vendor"
            limit={NAME_MAX}
            placeholder="Search name or vendor…"
          />
          <span className="flex items-center gap-2">
            <Checkbox
              id="licenses-archived"
              checked={includeArchived}
              onCheckedChange={(checked) => {
                setIncludeArchived(checked === true);
                setPage(1);
              }}
            />
            <Label htmlFor="licenses-archived" className="font-normal">
              Show archived
            </Label>
          </span>
        </search>
        <ListStates
          noun="licences"
          query={list}
          page={list.data}
          filtered={Boolean(q) || includeArchived || page > 1}
          noMatch={{ title: "No licence matches", description: "Try another search." }}
          empty={{
            icon: <KeyRound aria-hidden />,
            title: "No licences yet",
            description: "Add the software you pay for, then give people their seats.",
          }}
        >
          {(data) => (
            <>
              <Table stickyFirstColumn aria-label="Licences" aria-busy={list.isPlaceholderData}>
                <TableHeader>
                  <TableRow>
                    <TableHead>Name</TableHead>
                    <TableHead>Vendor</TableHead>
                    <TableHead>Seats used</TableHead>
                    <TableHead className="text-right">Cost per seat</TableHead>
                    <TableHead>Expires</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {data.items.map((license) => (
                    <TableRow key={license.id}>
                      <TableCell>
                        <Link
                          href={`/licenses/${license.id}`}
                          className="rounded-sm font-medium underline-offset-4 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring"
                        >
                          {license.name}
                        </Link>
                        {license.archived ? (
                          <Badge variant="secondary" className="ml-2">
                            Archived
                          </Badge>
                        ) : null}
                      </TableCell>
                      <TableCell className="text-muted-foreground">{license.vendor ?? "—"}</TableCell>
                      <TableCell>
                        <SeatBar used={license.seatsUsed} seats={license.seats} name={license.name} />
                      </TableCell>
                      <TableCell className="text-right tabular-nums">
                        {formatMoney(license.costPerSeat, data.currency)}
                      </TableCell>
                      <TableCell>
                        <ExpiryCell expiresOn={license.expiresOn} />
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
              <Pagination
                page={page}
                pageSize={LICENSE_PAGE_SIZE}
                shown={data.items.length}
                total={data.total}
                totalIsCapped={false}
                noun="licences"
                onPageChange={setPage}
              />
            </>
          )}
        </ListStates>
      </CardContent>
    </Card>
  );
}
