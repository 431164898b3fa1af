"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CheckCircle2 } from "lucide-react";
import { useState } from "react";
import { ChoiceSelect } from "@/app/_components/choice-select";
import { FormError } from "@/app/_components/form-error";
import { DateTime } from "@/app/_components/time-zone";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { FormField } from "@/app/_components/ui/form-field";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { mutationMessages } from "@/app/_lib/form-errors";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useSubmission } from "@/app/_lib/use-submission";
import { useTRPC } from "@/app/_trpc/client";
import {
  type NotificationType,
  notificationTypeInfo,
  notificationTypes,
  type SentChannel,
  sentChannels,
} from "@/server/notifications/types";

const channelNames: Record<SentChannel, string> = {
  email: "Email",
  sms: "Text message",
  push: "Browser push",
  chat: "Team chat",
};
const stateLabels = { failed: "Failed", bounced: "Refused by the address", retrying: "Retrying" } as const;

/**
 * Deliveries that did not reach someone: failed or refused for good, or being retried after a
 * transient error, with the provider's reason and the attempts made; a failed one can be sent
 * again (the retry function sends it with the same backoff).
 */
export function FailedDeliveries() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [channel, setChannel] = useState<SentChannel | "">("");
  const [type, setType] = useState<NotificationType | "">("");
  const input = { ...(channel ? { channel } : {}), ...(type ? { type } : {}) };
  const { data = [] } = useQuery({
    ...trpc.notifications.deliveries.failed.queryOptions(input),
    placeholderData: keepPreviousData,
  });
  const filtered = channel !== "" || type !== "";
  const retry = useMutation(trpc.notifications.deliveries.retry.mutationOptions());
  const { error, pending, submit } = useSubmission();
  const messages = mutationMessages(error, []);

  const retryOne = async (id: string, title: string) => {
    const done = await submit(() => retry.mutateAsync({ id }));
    await queryClient.invalidateQueries({ queryKey: trpc.notifications.deliveries.pathKey() });
    if (done) notifySuccess("delivery-retry", `Sending "${title}" again`);
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Failed deliveries</h2>
        </CardTitle>
        <CardDescription>
          Notifications that did not reach someone, and those being retried after the provider asked to wait.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3 overflow-x-auto">
        <div className="flex flex-wrap gap-4">
          <FormField label="Channel" htmlFor="failed-channel" className="w-48">
            <ChoiceSelect
              id="failed-channel"
              value={channel}
              onChange={(value) => setChannel(value as SentChannel | "")}
              empty="All channels"
              choices={sentChannels.map((value) => ({ value, label: channelNames[value] }))}
            />
          </FormField>
          <FormField label="Notification" htmlFor="failed-type" className="w-72">
            <ChoiceSelect
              id="failed-type"
              value={type}
              onChange={(value) => setType(value as NotificationType | "")}
              empty="All notifications"
              choices={notificationTypes.map((value) => ({
                value,
                label: notificationTypeInfo[value].label,
              }))}
            />
          </FormField>
        </div>
        {data.length === 0 ? (
          <EmptyState
            className="py-6"
            icon={<CheckCircle2 aria-hidden />}
            title={filtered ? "No failed deliveries of this kind" : "Every notification got through"}
            description="Deliveries that fail (a refused address, a provider down for good) appear here."
          />
        ) : (
          <Table stickyFirstColumn aria-label="Failed deliveries">
            <TableHeader>
              <TableRow>
                <TableHead scope="col">Notification</TableHead>
                <TableHead scope="col">Channel</TableHead>
                <TableHead scope="col">To</TableHead>
                <TableHead scope="col">Reason</TableHead>
                <TableHead scope="col" className="text-right">
                  Attempts
                </TableHead>
                <TableHead scope="col">Last tried</TableHead>
                <TableHead scope="col">
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.map((delivery) => (
                <TableRow key={delivery.id}>
                  <TableCell>
                    <span className="grid gap-0.5">
                      <span className="font-medium">{delivery.title}</span>
                      <span className="text-muted-foreground text-xs">
                        {notificationTypeInfo[delivery.type].label}
                      </span>
                    </span>
                  </TableCell>
                  <TableCell>{channelNames[delivery.channel]}</TableCell>
                  <TableCell>
                    <span className="grid gap-0.5">
                      <span>{delivery.recipient}</span>
                      {delivery.address && delivery.channel === "sms" ? (
                        <span className="text-muted-foreground text-xs">{delivery.address}</span>
                      ) : null}
                    </span>
                  </TableCell>
                  <TableCell className="max-w-80 whitespace-normal">
                    <span className="grid gap-1">
                      <Badge
                        variant={delivery.state === "retrying" ? "secondary" : "destructive"}
                        className="w-fit"
                      >
                        {stateLabels[delivery.state]}
                      </Badge>
                      <span className="text-xs">{delivery.reason ?? "No reason given"}</span>
                    </span>
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{delivery.attempts}</TableCell>
                  <TableCell>
                    <DateTime value={delivery.updatedAt} />
                  </TableCell>
                  <TableCell>
                    {delivery.state === "retrying" ? null : (
                      <Button
                        type="button"
                        size="sm"
                        variant="outline"
                        disabled={pending}
                        aria-label={`Retry ${delivery.title} to ${delivery.recipient} by ${channelNames[delivery.channel]}`}
                        onClick={() => retryOne(delivery.id, delivery.title)}
                      >
                        Retry
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <FormError message={messages.form} />
      </CardContent>
    </Card>
  );
}
