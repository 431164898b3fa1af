"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { CircleAlert, CircleCheck, Pencil, Send, Trash2 } from "lucide-react";
import { useState } from "react";
import { FormError } from "@/app/_components/form-error";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Checkbox } from "@/app/_components/ui/checkbox";
import { Switch } from "@/app/_components/ui/switch";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { mutationMessages } from "@/app/_lib/form-errors";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useSubmission } from "@/app/_lib/use-submission";
import { useTRPC } from "@/app/_trpc/client";
import type { ChatSettings } from "@/server/notifications/chat/schemas";
import { ConfirmDialog } from "../_components/confirm-dialog";
import { ChatDestinationEdit } from "./chat-destination-edit";
import { ChatDestinationForm, chatKindLabels } from "./chat-destination-form";

type Destination = ChatSettings["destinations"][number];

/**
 * Team chat: the tenant's Slack and Teams destinations (each with "Send test message", on/off, edit
 * and delete) and the routing table of which notification types go to which. A routed type is posted
 * once per destination however many people it notifies; people's own preferences do not apply.
 */
export function TeamChat() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.notifications.chat.settings.queryOptions());
  const store = (next: ChatSettings) =>
    queryClient.setQueryData(trpc.notifications.chat.settings.queryKey(), next);
  const setRoute = useMutation(trpc.notifications.chat.setRoute.mutationOptions({ onSuccess: store }));
  const { error, pending, submit } = useSubmission();
  const messages = mutationMessages(error, []);
  const routed = new Set(data.routes.map((route) => `${route.destinationId}/${route.type}`));

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Team chat</h2>
        </CardTitle>
        <CardDescription>
          Post notifications to a Slack or Microsoft Teams channel: one message per destination, with a link
          back to the app. Webhook URLs and tokens are stored encrypted and never shown again.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        {data.destinations.length > 0 ? (
          <ul aria-label="Chat destinations" className="grid gap-3">
            {data.destinations.map((destination) => (
              <DestinationRow key={destination.id} destination={destination} onChange={store} />
            ))}
          </ul>
        ) : (
          <p className="text-muted-foreground text-sm">No destinations yet. Add one below.</p>
        )}
        <ChatDestinationForm />
        {data.destinations.length > 0 ? (
          <div className="grid gap-2 overflow-x-auto">
            <h3 className="font-medium text-sm">Which notifications go where</h3>
            <Table stickyFirstColumn aria-label="Chat routing">
              <TableHeader>
                <TableRow>
                  <TableHead scope="col">Notification</TableHead>
                  {data.destinations.map((destination) => (
                    <TableHead key={destination.id} scope="col" className="w-32 text-center">
                      {destination.name}
                    </TableHead>
                  ))}
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.types.map((row) => (
                  <TableRow key={row.type}>
                    <TableCell>{row.label}</TableCell>
                    {data.destinations.map((destination) => (
                      <TableCell key={destination.id} className="text-center">
                        <Checkbox
                          aria-label={`${row.label} to ${destination.name}`}
                          checked={routed.has(`${destination.id}/${row.type}`)}
                          disabled={pending}
                          onCheckedChange={(checked) =>
                            submit(() =>
                              setRoute.mutateAsync({
                                destinationId: destination.id,
                                type: row.type,
                                routed: checked === true,
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
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}

/** One destination: its kind and secret's hint, on/off, "Send test message" with the answer in place, edit, delete. */
function DestinationRow({
  destination,
  onChange,
}: {
  destination: Destination;
  onChange: (next: ChatSettings) => void;
}) {
  const trpc = useTRPC();
  const setEnabled = useMutation(trpc.notifications.chat.setEnabled.mutationOptions({ onSuccess: onChange }));
  const remove = useMutation(trpc.notifications.chat.remove.mutationOptions({ onSuccess: onChange }));
  const test = useMutation(trpc.notifications.chat.sendTest.mutationOptions());
  const [confirming, setConfirming] = useState(false);
  const [editing, setEditing] = useState(false);
  const switchId = `chat-enabled-${destination.id}`;
  const enabled = setEnabled.isPending ? Boolean(setEnabled.variables?.enabled) : destination.enabled;
  const outcome = test.data
    ? test.data.ok
      ? { ok: true, text: test.data.detail }
      : { ok: false, text: test.data.message }
    : test.error
      ? { ok: false, text: mutationMessages(test.error, []).form ?? test.error.message }
      : null;

  return (
    <li aria-label={destination.name} className="grid gap-2 rounded-md border p-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="grid gap-0.5">
          <span className="font-medium">{destination.name}</span>
          <span className="text-muted-foreground text-xs">
            {chatKindLabels[destination.kind]} · {destination.hint}
            {destination.channelId ? ` · channel ${destination.channelId}` : ""}
          </span>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <div className="flex items-center gap-2">
            <Switch
              id={switchId}
              checked={enabled}
              disabled={setEnabled.isPending}
              onCheckedChange={(checked) =>
                setEnabled.mutate({ destinationId: destination.id, enabled: checked })
              }
            />
            <label htmlFor={switchId} className="text-sm">
              Enabled
            </label>
          </div>
          <Button
            variant="outline"
            size="sm"
            disabled={test.isPending}
            onClick={() => test.mutate({ destinationId: destination.id })}
          >
            <Send aria-hidden /> {test.isPending ? "Sending…" : "Send test message"}
          </Button>
          <Button variant="outline" size="sm" aria-expanded={editing} onClick={() => setEditing(!editing)}>
            <Pencil aria-hidden /> Edit
          </Button>
          <Button variant="outline" size="sm" onClick={() => setConfirming(true)}>
            <Trash2 aria-hidden /> Delete
          </Button>
        </div>
      </div>
      {editing ? (
        <ChatDestinationEdit
          destination={destination}
          onSaved={onChange}
          onCancel={() => setEditing(false)}
        />
      ) : null}
      <div role="status" aria-live="polite" className="text-sm">
        {outcome ? (
          <p
            className={
              outcome.ok ? "flex items-start gap-2" : "flex items-start gap-2 font-medium text-destructive"
            }
          >
            {outcome.ok ? (
              <CircleCheck aria-hidden className="mt-0.5 size-4 shrink-0 text-success" />
            ) : (
              <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
            )}
            <span>{outcome.text}</span>
          </p>
        ) : null}
      </div>
      {confirming ? (
        <ConfirmDialog
          title={`Delete ${destination.name}?`}
          description="Its webhook URL or token and its routes are deleted; past deliveries stay in the log."
          confirmLabel="Delete destination"
          onClose={() => setConfirming(false)}
          confirm={async () => {
            await remove.mutateAsync({ destinationId: destination.id });
            notifySuccess("chat-destination-removed", `${destination.name} deleted`);
          }}
        />
      ) : null}
    </li>
  );
}
