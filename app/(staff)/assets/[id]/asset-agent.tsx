"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useDeferredValue, useState } from "react";
import { DateTime } from "@/app/_components/time-zone";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Input } from "@/app/_components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { toastOutcome } from "@/app/_lib/mutation-feedback";
import { useTRPC } from "@/app/_trpc/client";
import { SOFTWARE_SEARCH_MAX } from "@/server/agent/schemas";

const factLabels: Record<string, string> = {
  vendor: "Vendor",
  model: "Model",
  chassisType: "Chassis",
  cpu: "CPU",
  memory: "Memory",
  disks: "Disks",
  os: "Operating system",
  kernel: "Kernel",
  arch: "Architecture",
  macs: "MAC addresses",
};

/**
 * What the asset's agent last reported: when, from where and who was using it, its hardware and
 * OS, and, when nobody holds the asset but one employee uses it, a suggestion to assign it.
 */
export function AgentCard({ assetId, canManage }: { assetId: string; canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const view = useQuery(trpc.agent.forAsset.queryOptions({ assetId }));
  const assign = useMutation(
    trpc.assets.assign.mutationOptions(
      toastOutcome("Asset assigned", () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.assets.get.queryKey({ assetId }) }),
          queryClient.invalidateQueries({ queryKey: trpc.assets.history.queryKey({ assetId }) }),
          queryClient.invalidateQueries({ queryKey: trpc.agent.forAsset.queryKey({ assetId }) }),
        ]),
      ),
    ),
  );
  const device = view.data?.device;
  if (!device) return null;
  const suggested = view.data?.suggestedEmployee;
  return (
    <Card role="region" aria-label="Agent">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          Agent{" "}
          {device.stale && device.daysUnseen !== null ? (
            <Badge variant="warning">
              Not seen {device.daysUnseen} {device.daysUnseen === 1 ? "day" : "days"}
            </Badge>
          ) : null}
        </CardTitle>
        <CardDescription>
          {device.stale ? (
            <span className="block font-medium text-foreground">
              Longer without a check-in than your agent settings allow: the device may be switched off, lost,
              or without its agent.
            </span>
          ) : null}
          {device.hostname} · last seen <DateTime value={device.lastSeenAt} />
          {device.lastIp ? ` from ${device.lastIp}` : ""}
          {device.lastUser ? ` · used by ${device.lastUser}` : ""}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {suggested ? (
          <div
            role="status"
            className="flex flex-wrap items-center justify-between gap-2 rounded-md border p-3 text-sm"
          >
            <span>
              Nobody holds this asset, but <strong>{suggested.name}</strong> uses it ({device.lastUser}).
            </span>
            {canManage ? (
              <Button
                size="sm"
                disabled={assign.isPending}
                onClick={() => assign.mutate({ assetId, employeeId: suggested.id })}
              >
                Assign to {suggested.name}
              </Button>
            ) : null}
          </div>
        ) : null}
        <dl className="grid grid-cols-[minmax(7rem,auto)_1fr] gap-x-4 gap-y-2 text-sm">
          {Object.entries(factLabels).map(([key, label]) => (
            <div key={key} className="contents">
              <dt className="text-muted-foreground">{label}</dt>
              <dd className="min-w-0 break-words">{device.facts[key] ?? "—"}</dd>
            </div>
          ))}
        </dl>
        {device.errors.length > 0 ? (
          <p className="text-xs text-muted-foreground">
            Not collected: {device.errors.map((e) => `${e.collector} (${e.message})`).join("; ")}
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}

/** The software the asset's agent reports, searchable by name. */
export function SoftwarePanel({ assetId }: { assetId: string }) {
  const trpc = useTRPC();
  const [q, setQ] = useState("");
  const search = useDeferredValue(q.trim());
  const software = useQuery(
    trpc.agent.assetSoftware.queryOptions({ assetId, q: search || undefined, limit: 1000 }),
  );
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="w-full max-w-xs">
          <Input
            id="asset-software-search"
            aria-label="Search software"
            limit={SOFTWARE_SEARCH_MAX}
            placeholder="Search software"
            value={q}
            onChange={(event) => setQ(event.target.value)}
          />
        </div>
        <Link href="/software" className="text-sm underline underline-offset-4">
          Search every device
        </Link>
      </div>
      {software.data?.length === 0 ? (
        <p role="status" className="text-sm text-muted-foreground">
          {search ? "No software matches." : "No agent has reported software for this asset."}
        </p>
      ) : (
        <Table stickyFirstColumn aria-label="Installed software">
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Version</TableHead>
              <TableHead>Publisher</TableHead>
              <TableHead>Source</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {(software.data ?? []).map((row) => (
              <TableRow key={`${row.source}-${row.name}`}>
                <TableCell>{row.name}</TableCell>
                <TableCell className="font-mono">{row.version || "—"}</TableCell>
                <TableCell>{row.publisher ?? "—"}</TableCell>
                <TableCell>{row.source}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
