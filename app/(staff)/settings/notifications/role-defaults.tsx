"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ChoiceSelect } from "@/app/_components/choice-select";
import { FormError } from "@/app/_components/form-error";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Checkbox } from "@/app/_components/ui/checkbox";
import { FormField } from "@/app/_components/ui/form-field";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { mutationMessages } from "@/app/_lib/form-errors";
import { useSubmission } from "@/app/_lib/use-submission";
import { useTRPC } from "@/app/_trpc/client";
import { type NotificationChannel, notificationChannels } from "@/server/notifications/types";
import { roleLabels, type TenantRole, tenantRoles } from "@/server/roles";

const channelLabels: Record<NotificationChannel, string> = {
  in_app: "In the app",
  email: "Email",
  sms: "Text message",
  push: "Browser push",
  digest: "Daily digest",
};

/**
 * Which notifications each role gets on which channel when its people have not chosen for
 * themselves. A change reaches at once everyone of that role who has not; their own choices win.
 */
export function RoleDefaults() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.notifications.roleDefaults.list.queryOptions());
  const [role, setRole] = useState<TenantRole>("employee");
  const setDefault = useMutation(
    trpc.notifications.roleDefaults.set.mutationOptions({
      onSuccess: (next) => queryClient.setQueryData(trpc.notifications.roleDefaults.list.queryKey(), next),
    }),
  );
  const { error, pending, submit } = useSubmission();
  const messages = mutationMessages(error, []);
  const rows = data.rows.filter((row) => row.role === role);

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Defaults by role</h2>
        </CardTitle>
        <CardDescription>
          What people of each role get when they have not chosen for themselves; their own choices always win.
          Changes are saved at once.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4 overflow-x-auto">
        <FormField label="Role" htmlFor="role-defaults-role" className="max-w-xs">
          <ChoiceSelect
            id="role-defaults-role"
            value={role}
            onChange={(value) => setRole(value as TenantRole)}
            choices={tenantRoles.map((value) => ({ value, label: roleLabels[value] }))}
          />
        </FormField>
        <Table stickyFirstColumn aria-label={`Defaults for ${roleLabels[role]}`}>
          <TableHeader>
            <TableRow>
              <TableHead scope="col">Notification</TableHead>
              {notificationChannels.map((channel) => (
                <TableHead key={channel} scope="col" className="w-24 text-center">
                  {channelLabels[channel]}
                </TableHead>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.type}>
                <TableCell>{row.label}</TableCell>
                {notificationChannels.map((channel) => (
                  <TableCell key={channel} className="text-center">
                    <Checkbox
                      aria-label={`${roleLabels[role]}: ${row.label}, ${channelLabels[channel]}`}
                      checked={row.channels[channel]}
                      disabled={pending}
                      onCheckedChange={(checked) =>
                        submit(() =>
                          setDefault.mutateAsync({
                            role,
                            type: row.type,
                            channel,
                            enabled: checked === true,
                          }),
                        )
                      }
                    />
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <FormError message={messages.form} />
      </CardContent>
    </Card>
  );
}
