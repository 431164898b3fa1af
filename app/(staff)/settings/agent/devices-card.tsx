"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import { FormDialog } from "@/app/_components/form-dialog";
import { DateTime } from "@/app/_components/time-zone";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/app/_components/ui/dialog";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { mutationMessages } from "@/app/_lib/form-errors";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useSubmission } from "@/app/_lib/use-submission";
import { useTRPC } from "@/app/_trpc/client";
import { CopyField } from "./copy-field";

const statusLabels = { pending_review: "Pending review", linked: "Linked", ignored: "Ignored" } as const;
type Device = { id: string; hostname: string };

/** Enrolled devices: when each last checked in, what it is linked to; rotate a credential or revoke. */
export function AgentDevicesCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: devices } = useSuspenseQuery(trpc.agent.devices.queryOptions({}));
  const [revoking, setRevoking] = useState<Device | null>(null);
  const [rotated, setRotated] = useState<{ hostname: string; credential: string } | null>(null);
  const revoke = useMutation(trpc.agent.revokeDevice.mutationOptions());
  const rotate = useMutation(
    trpc.agent.rotateCredential.mutationOptions({ onError: (failure) => toast.error(failure.message) }),
  );
  const { error, pending, submit } = useSubmission();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.agent.devices.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.agent.overview.queryKey() }),
    ]);

  return (
    <Card>
      <CardHeader>
        <CardTitle>Devices</CardTitle>
        <CardDescription>{devices.filter((d) => !d.revokedAt).length} enrolled devices</CardDescription>
      </CardHeader>
      <CardContent>
        {devices.length === 0 ? (
          <p className="text-sm text-muted-foreground">No device has enrolled yet.</p>
        ) : (
          <Table stickyFirstColumn aria-label="Enrolled devices">
            <TableHeader>
              <TableRow>
                <TableHead>Hostname</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Asset</TableHead>
                <TableHead>Last seen</TableHead>
                <TableHead>Address · user</TableHead>
                <TableHead>
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {devices.map((device) => (
                <TableRow key={device.id}>
                  <TableCell className="font-medium">
                    {device.hostname}
                    <span className="block text-xs text-muted-foreground">
                      {[device.os, device.agentVersion && `agent ${device.agentVersion}`]
                        .filter(Boolean)
                        .join(" · ")}
                    </span>
                  </TableCell>
                  <TableCell>
                    <span className="flex flex-wrap gap-1">
                      {device.revokedAt ? (
                        <Badge variant="secondary">Revoked</Badge>
                      ) : (
                        <Badge variant={device.status === "pending_review" ? "warning" : "outline"}>
                          {statusLabels[device.status]}
                        </Badge>
                      )}
                      {device.stale ? <Badge variant="destructive">Stale</Badge> : null}
                    </span>
                  </TableCell>
                  <TableCell>
                    {device.assetId ? (
                      <Link
                        href={`/assets/${device.assetId}`}
                        className="font-mono underline underline-offset-4"
                      >
                        {device.assetTag}
                      </Link>
                    ) : (
                      "—"
                    )}
                  </TableCell>
                  <TableCell>
                    {device.lastSeenAt ? <DateTime value={device.lastSeenAt} /> : "Never"}
                  </TableCell>
                  <TableCell className="text-sm">
                    {[device.lastIp, device.lastUser].filter(Boolean).join(" · ") || "—"}
                  </TableCell>
                  <TableCell className="text-right">
                    {device.revokedAt ? null : (
                      <span className="inline-flex gap-2">
                        <Button
                          variant="outline"
                          size="sm"
                          aria-label={`Rotate the credential of ${device.hostname}`}
                          disabled={rotate.isPending}
                          onClick={async () => {
                            const next = await rotate.mutateAsync({ deviceId: device.id }).catch(() => null);
                            if (next) setRotated({ hostname: device.hostname, credential: next.credential });
                          }}
                        >
                          Rotate
                        </Button>
                        <Button
                          variant="outline"
                          size="sm"
                          aria-label={`Revoke ${device.hostname}`}
                          onClick={() => setRevoking(device)}
                        >
                          Revoke
                        </Button>
                      </span>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
      {revoking ? (
        <FormDialog
          title={`Revoke ${revoking.hostname}?`}
          description="Its credential stops working at once; the agent on it stops and asks to be enrolled again. Its asset and history stay."
          submitLabel="Revoke device"
          destructive
          pending={pending}
          error={mutationMessages(error, []).form}
          onClose={() => setRevoking(null)}
          onSubmit={async () => {
            if (await submit(() => revoke.mutateAsync({ deviceId: revoking.id }))) {
              notifySuccess("agent-device", `${revoking.hostname} revoked`);
              setRevoking(null);
              await refresh();
            }
          }}
        />
      ) : null}
      {rotated ? (
        <Dialog open onOpenChange={(open) => (open ? undefined : setRotated(null))}>
          <DialogContent>
            <DialogHeader>
              <DialogTitle>New credential for {rotated.hostname}</DialogTitle>
              <DialogDescription>
                The old one no longer works. Put this one in the device's agent.json (the credential field),
                or enroll the device again. It is not shown again.
              </DialogDescription>
            </DialogHeader>
            <CopyField value={rotated.credential} label="Device credential" />
            <DialogFooter>
              <Button type="button" onClick={() => setRotated(null)}>
                Done
              </Button>
            </DialogFooter>
          </DialogContent>
        </Dialog>
      ) : null}
    </Card>
  );
}
