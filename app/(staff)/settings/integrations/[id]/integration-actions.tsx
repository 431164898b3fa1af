"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { Pencil, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Switch } from "@/app/_components/ui/switch";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useTRPC } from "@/app/_trpc/client";
import { ConfirmDialog } from "../../_components/confirm-dialog";
import { fieldPolicyChoices, scheduleLabels } from "../integration-format";
import type { IntegrationDetail } from "../integration-types";
import { EditIntegrationDialog } from "./edit-integration-dialog";

/**
 * The integration's settings as they stand: on or off, schedule, field policy, options and the
 * hints of its saved credentials. Admins switch it, edit it and remove it here.
 */
export function IntegrationActions({
  integration,
  canManage,
}: {
  integration: IntegrationDetail;
  canManage: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const switchId = useId();
  const { data: catalog } = useSuspenseQuery(trpc.integrations.catalog.queryOptions());
  const entry = catalog.find((option) => option.provider === integration.provider);
  const [dialog, setDialog] = useState<"edit" | "remove" | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.integrations.pathKey() });
  const setEnabled = useMutation(
    trpc.integrations.setEnabled.mutationOptions({
      onSuccess: (_, input) => {
        notifySuccess(
          "integration-enabled",
          input.enabled ? `${integration.name} enabled` : `${integration.name} disabled`,
        );
        void refresh();
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  const remove = useMutation(trpc.integrations.remove.mutationOptions());

  const options = integration.options as Record<string, string>;
  const hints = integration.credentialHints as Record<string, string>;
  const settings: Array<[string, string]> = [
    ["Schedule", scheduleLabels[integration.schedule]],
    ["When a synced field is edited here", fieldPolicyChoices[integration.fieldPolicy].label],
    ...(entry?.optionFields ?? [])
      .filter((field) => options[field.name])
      .map((field): [string, string] => [field.label, options[field.name] as string]),
    ...(entry?.credentialFields ?? [])
      .filter((field) => hints[field.name])
      .map((field): [string, string] => [field.label, hints[field.name] as string]),
  ];
  const enabled = setEnabled.isPending ? Boolean(setEnabled.variables?.enabled) : integration.enabled;

  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-4">
        <div className="grid gap-1.5">
          <CardTitle>Connection</CardTitle>
          <CardDescription>
            {enabled
              ? integration.schedule === "manual"
                ? "Enabled: syncs run when someone presses Sync now."
                : `Enabled: syncs run ${scheduleLabels[integration.schedule].toLowerCase()}.`
              : "Disabled: no syncs, scheduled or manual, until it is enabled again."}
          </CardDescription>
        </div>
        {canManage ? (
          <div className="flex flex-wrap items-center gap-3">
            <div className="flex items-center gap-2">
              <Switch
                id={switchId}
                checked={enabled}
                disabled={setEnabled.isPending}
                onCheckedChange={(checked) => setEnabled.mutate({ id: integration.id, enabled: checked })}
              />
              <label htmlFor={switchId} className="font-medium text-sm">
                Enabled
              </label>
            </div>
            {entry ? (
              <Button variant="outline" size="sm" onClick={() => setDialog("edit")}>
                <Pencil aria-hidden /> Edit settings
              </Button>
            ) : null}
            <Button variant="outline" size="sm" onClick={() => setDialog("remove")}>
              <Trash2 aria-hidden /> Remove
            </Button>
          </div>
        ) : (
          <span className="font-medium text-sm">{integration.enabled ? "Enabled" : "Disabled"}</span>
        )}
      </CardHeader>
      <CardContent>
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-3">
          {settings.map(([label, value]) => (
            <div key={label} className="grid gap-0.5">
              <dt className="text-muted-foreground">{label}</dt>
              <dd className="break-all font-medium">{value}</dd>
            </div>
          ))}
        </dl>
      </CardContent>
      {dialog === "edit" && entry ? (
        <EditIntegrationDialog integration={integration} entry={entry} onClose={() => setDialog(null)} />
      ) : null}
      {dialog === "remove" ? (
        <ConfirmDialog
          title={`Remove ${integration.name}?`}
          description="Its credentials and run history are deleted. Employees it brought in stay, and can be edited by hand from now on."
          confirmLabel="Remove integration"
          onClose={() => setDialog(null)}
          confirm={async () => {
            await remove.mutateAsync({ id: integration.id });
            notifySuccess("integration-removed", `${integration.name} removed`);
            await queryClient.invalidateQueries({ queryKey: trpc.integrations.list.queryKey() });
            router.push("/settings/integrations");
          }}
        />
      ) : null}
    </Card>
  );
}
