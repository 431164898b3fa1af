"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { DateTime } from "@/app/_components/time-zone";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/app/_components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { formatRelative } from "@/app/_lib/format";
import { toastOutcome } from "@/app/_lib/mutation-feedback";
import { useTRPC } from "@/app/_trpc/client";
import { roleLabels, type TenantRole, tenantRoles } from "@/server/roles";
import { InviteDialog } from "./invite-dialog";
import { LinkEmployeeDialog } from "./link-employee-dialog";
import { ResetLinkDialog } from "./reset-link-dialog";

const invitationBadge = {
  pending: "warning",
  accepted: "success",
  revoked: "secondary",
  expired: "outline",
} as const;

export function UsersPanel({ currentUserId, canManage }: { currentUserId: string; canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: users } = useSuspenseQuery(trpc.accounts.users.queryOptions());
  const { data: invitations } = useSuspenseQuery(trpc.accounts.invitations.queryOptions());

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.accounts.users.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.accounts.invitations.queryKey() }),
    ]);
  const changeRole = useMutation(
    trpc.accounts.changeRole.mutationOptions(toastOutcome("Role changed", refresh)),
  );
  const deactivate = useMutation(
    trpc.accounts.deactivate.mutationOptions(toastOutcome("User deactivated", refresh)),
  );
  const reactivate = useMutation(
    trpc.accounts.reactivate.mutationOptions(toastOutcome("User reactivated", refresh)),
  );
  const revoke = useMutation(
    trpc.accounts.revokeInvitation.mutationOptions(toastOutcome("Invitation revoked", refresh)),
  );

  const resetRequests = users.filter((member) => member.resetRequestedAt).length;

  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader className="flex flex-row items-start justify-between gap-4">
          <div className="grid gap-1.5">
            <CardTitle>Members</CardTitle>
            <CardDescription>{users.length} people in your organization</CardDescription>
            {canManage && resetRequests > 0 ? (
              <p role="status" className="text-sm font-medium text-warning">
                {resetRequests === 1 ? "One person has" : `${resetRequests} people have`} asked for a password
                reset link: use Reset password beside them, and send them the link.
              </p>
            ) : null}
          </div>
          {canManage ? <InviteDialog /> : null}
        </CardHeader>
        <CardContent>
          <Table stickyFirstColumn aria-label="Members">
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Role</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Last sign-in</TableHead>
                <TableHead>Employee record</TableHead>
                {canManage ? <TableHead className="text-right">Actions</TableHead> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {users.map((member) => {
                const self = member.id === currentUserId;
                return (
                  <TableRow key={member.id} data-testid={`user-row-${member.email}`}>
                    <TableCell>
                      <div className="font-medium">
                        {member.name}
                        {self ? <span className="text-muted-foreground"> (you)</span> : null}
                      </div>
                      <div className="text-xs text-muted-foreground">{member.email}</div>
                    </TableCell>
                    <TableCell>
                      {canManage && !self ? (
                        <Select
                          value={member.role}
                          onValueChange={(role) =>
                            changeRole.mutate({ userId: member.id, role: role as TenantRole })
                          }
                        >
                          <SelectTrigger className="w-36" aria-label={`Role of ${member.name}`}>
                            <SelectValue />
                          </SelectTrigger>
                          <SelectContent>
                            {tenantRoles.map((role) => (
                              <SelectItem key={role} value={role}>
                                {roleLabels[role]}
                              </SelectItem>
                            ))}
                          </SelectContent>
                        </Select>
                      ) : (
                        roleLabels[member.role]
                      )}
                    </TableCell>
                    <TableCell>
                      <Badge variant={member.status === "active" ? "success" : "secondary"}>
                        {member.status === "active" ? "Active" : "Deactivated"}
                      </Badge>
                      {member.resetRequestedAt ? (
                        <Badge variant="warning" className="ml-1" title="Asked from the sign-in page">
                          Asked for a reset link {formatRelative(member.resetRequestedAt)}
                        </Badge>
                      ) : null}
                    </TableCell>
                    <TableCell className="text-sm text-muted-foreground">
                      {member.lastSignInAt ? formatRelative(member.lastSignInAt) : "Never"}
                    </TableCell>
                    <TableCell className="text-sm">
                      {member.employee ? (
                        <Link
                          href={`/employees/${member.employee.id}`}
                          className="underline-offset-4 hover:underline"
                        >
                          {member.employee.name}
                        </Link>
                      ) : (
                        <span className="text-muted-foreground">Not linked</span>
                      )}
                      {canManage ? <LinkEmployeeDialog member={member} /> : null}
                    </TableCell>
                    {canManage ? (
                      <TableCell className="text-right">
                        {self ? null : member.status === "active" ? (
                          <div className="flex justify-end gap-2">
                            <ResetLinkDialog member={member} />
                            <Button
                              variant="outline"
                              size="sm"
                              onClick={() => deactivate.mutate({ userId: member.id })}
                            >
                              Deactivate<span className="sr-only"> {member.name}</span>
                            </Button>
                          </div>
                        ) : (
                          <Button
                            variant="outline"
                            size="sm"
                            onClick={() => reactivate.mutate({ userId: member.id })}
                          >
                            Reactivate<span className="sr-only"> {member.name}</span>
                          </Button>
                        )}
                      </TableCell>
                    ) : null}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Invitations</CardTitle>
          <CardDescription>Links expire after 7 days. Revoke one to send a fresh link.</CardDescription>
        </CardHeader>
        <CardContent>
          {invitations.length === 0 ? (
            <p className="text-sm text-muted-foreground">No invitations yet.</p>
          ) : (
            <Table stickyFirstColumn aria-label="Invitations">
              <TableHeader>
                <TableRow>
                  <TableHead>Email</TableHead>
                  <TableHead>Role</TableHead>
                  <TableHead>Status</TableHead>
                  <TableHead>Expires</TableHead>
                  {canManage ? <TableHead className="text-right">Actions</TableHead> : null}
                </TableRow>
              </TableHeader>
              <TableBody>
                {invitations.map((invitation) => (
                  <TableRow key={invitation.id}>
                    <TableCell>{invitation.email}</TableCell>
                    <TableCell>{roleLabels[invitation.role]}</TableCell>
                    <TableCell>
                      <Badge variant={invitationBadge[invitation.status]}>{invitation.status}</Badge>
                    </TableCell>
                    <TableCell className="text-sm text-muted-foreground">
                      <DateTime value={invitation.expiresAt} date />
                    </TableCell>
                    {canManage ? (
                      <TableCell className="text-right">
                        {invitation.status === "pending" ? (
                          <Button
                            variant="ghost"
                            size="sm"
                            onClick={() => revoke.mutate({ invitationId: invitation.id })}
                          >
                            Revoke<span className="sr-only"> invitation for {invitation.email}</span>
                          </Button>
                        ) : null}
                      </TableCell>
                    ) : null}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
