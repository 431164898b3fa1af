"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { FormError } from "@/app/_components/form-error";
import { DateTime } from "@/app/_components/time-zone";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { mutationMessages } from "@/app/_lib/form-errors";
import { toastOutcome } from "@/app/_lib/mutation-feedback";
import { useTRPC } from "@/app/_trpc/client";
import { MAX_EMAIL_LENGTH, NAME_MAX } from "@/server/schemas/primitives";

export function TenantsPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: tenants } = useSuspenseQuery(trpc.platform.tenants.queryOptions());
  const [name, setName] = useState("");
  const [adminEmail, setAdminEmail] = useState("");
  const [inviteLink, setInviteLink] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.platform.tenants.queryKey() });
  const create = useMutation(
    trpc.platform.createTenant.mutationOptions({
      onSuccess: (created) => {
        setInviteLink(created.inviteLink);
        setName("");
        setAdminEmail("");
        void refresh();
      },
    }),
  );
  const suspend = useMutation(
    trpc.platform.suspendTenant.mutationOptions(toastOutcome("Tenant suspended", refresh)),
  );
  const reactivate = useMutation(
    trpc.platform.reactivateTenant.mutationOptions(toastOutcome("Tenant reactivated", refresh)),
  );
  const errors = mutationMessages(create.error, ["name", "adminEmail"]);

  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader>
          <CardTitle>Create a tenant</CardTitle>
          <CardDescription>
            The first admin receives an invitation link to set their password.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <form
            className="grid items-start gap-4 md:grid-cols-[1fr_1fr_auto]"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              setInviteLink(null);
              create.mutate({ name, adminEmail });
            }}
          >
            <FormField label="Organization name" htmlFor="tenant-name" error={errors.field("name")}>
              <Input
                id="tenant-name"
                value={name}
                limit={NAME_MAX}
                onChange={(event) => setName(event.target.value)}
              />
            </FormField>
            <FormField label="First admin's email" htmlFor="tenant-admin" error={errors.field("adminEmail")}>
              <Input
                id="tenant-admin"
                type="email"
                value={adminEmail}
                limit={MAX_EMAIL_LENGTH}
                onChange={(event) => setAdminEmail(event.target.value)}
              />
            </FormField>
            <Button type="submit" className="md:mt-6" disabled={create.isPending}>
              {create.isPending ? "Creating…" : "Create tenant"}
            </Button>
          </form>
          <div className="mt-4 empty:hidden">
            <FormError message={errors.form} />
          </div>
          {inviteLink ? (
            <p className="mt-4 text-sm" role="status">
              Tenant created. Admin invitation link:{" "}
              <code className="break-all rounded bg-muted px-1 py-0.5">{inviteLink}</code>
            </p>
          ) : null}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>All tenants</CardTitle>
          <CardDescription>{tenants.length} organizations</CardDescription>
        </CardHeader>
        <CardContent>
          <Table stickyFirstColumn aria-label="Tenants">
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Users</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Created</TableHead>
                <TableHead className="text-right">Actions</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {tenants.map((tenant) => (
                <TableRow key={tenant.id}>
                  <TableCell>
                    <div className="font-medium">{tenant.name}</div>
                    <div className="text-xs text-muted-foreground">{tenant.slug}</div>
                  </TableCell>
                  <TableCell className="tabular-nums">{tenant.users}</TableCell>
                  <TableCell>
                    <Badge variant={tenant.status === "active" ? "success" : "destructive"}>
                      {tenant.status}
                    </Badge>
                  </TableCell>
                  <TableCell className="text-sm text-muted-foreground">
                    <DateTime value={tenant.createdAt} date />
                  </TableCell>
                  <TableCell className="text-right">
                    {tenant.status === "active" ? (
                      <Button
                        variant="outline"
                        size="sm"
                        onClick={() => suspend.mutate({ tenantId: tenant.id })}
                      >
                        Suspend<span className="sr-only"> {tenant.name}</span>
                      </Button>
                    ) : (
                      <Button
                        variant="outline"
                        size="sm"
                        onClick={() => reactivate.mutate({ tenantId: tenant.id })}
                      >
                        Reactivate<span className="sr-only"> {tenant.name}</span>
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
    </div>
  );
}
