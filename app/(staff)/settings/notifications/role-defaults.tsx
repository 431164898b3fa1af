"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ChoiceSelect } from "@/app/_components/choice-select";
import { FormError } from "@/app/_components/form-error";
import { channelLabels, NotificationChannelTable } from "@/app/_components/notification-channel-table";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { FormField } from "@/app/_components/ui/form-field";
import { mutationMessages } from "@/app/_lib/form-errors";
import { useSubmission } from "@/app/_lib/use-submission";
import { useTRPC } from "@/app/_trpc/client";
import { roleLabels, type TenantRole, tenantRoles } from "@/server/roles";

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
        <NotificationChannelTable
          label={`Defaults for ${roleLabels[role]}`}
          rows={rows}
          cellLabel={(row, channel) => `${roleLabels[role]}: ${row.label}, ${channelLabels[channel]}`}
          disabled={pending}
          onToggle={(row, channel, enabled) =>
            submit(() => setDefault.mutateAsync({ role, type: row.type, channel, enabled }))
          }
        />
        <FormError message={messages.form} />
      </CardContent>
    </Card>
  );
}
