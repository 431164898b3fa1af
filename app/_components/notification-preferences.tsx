"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ChoiceSelect } from "@/app/_components/choice-select";
import { FormError } from "@/app/_components/form-error";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Checkbox } from "@/app/_components/ui/checkbox";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { Label } from "@/app/_components/ui/label";
import { mutationMessages } from "@/app/_lib/form-errors";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useSubmission } from "@/app/_lib/use-submission";
import { useTRPC } from "@/app/_trpc/client";
import type { NotificationChannel } from "@/server/notifications/types";
import { NotificationChannelTable } from "./notification-channel-table";
import { ContactCard, zoneChoices } from "./notification-contact";
import { PushCard } from "./notification-push";
import { useTimeZone } from "./time-zone";

/** How a checkbox reads aloud: "Equipment assigned to you, by email". */
const channelPhrases: Record<NotificationChannel, string> = {
  in_app: "in the app",
  email: "by email",
  sms: "by text message",
  push: "by browser push",
  digest: "in the daily digest",
};

/**
 * The signed-in user's notification settings, the same in the staff account and the portal: which
 * kinds reach them on which channel, and their quiet hours. Each box saves when ticked, so there is
 * no half-saved matrix to lose on leaving the page.
 */
export function NotificationPreferences() {
  return (
    <div className="grid gap-6">
      <ChannelMatrix />
      <ContactCard />
      <PushCard />
      <QuietHoursCard />
    </div>
  );
}

function ChannelMatrix() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.notifications.preferences.queryOptions());
  const { error, pending, submit } = useSubmission();
  const setPreference = useMutation(
    trpc.notifications.setPreference.mutationOptions({
      onSuccess: (saved) => queryClient.setQueryData(trpc.notifications.preferences.queryKey(), saved),
    }),
  );
  const messages = mutationMessages(error, []);

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>What reaches you, and where</h2>
        </CardTitle>
        <CardDescription>
          Tick a box to hear about that kind of notification on that channel; changes are saved at once. Text
          messages go to your mobile number and push to the browsers you turn it on in (below). A kind you
          read in the daily digest is not also emailed one by one, except urgent ones.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3 overflow-x-auto">
        <NotificationChannelTable
          label="Notification channels"
          rows={data.rows}
          rowHeader={(row) => (
            <span className="flex flex-wrap items-center gap-2">
              {row.label}
              {row.urgent ? (
                <Badge variant="secondary" title="Sent at once, even during your quiet hours">
                  Urgent
                </Badge>
              ) : null}
              {row.hint ? <span className="w-full text-muted-foreground text-xs">{row.hint}</span> : null}
            </span>
          )}
          cellLabel={(row, channel) => `${row.label}, ${channelPhrases[channel]}`}
          disabled={pending}
          onToggle={(row, channel, enabled) =>
            submit(() => setPreference.mutateAsync({ type: row.type, channel, enabled }))
          }
        />
        <FormError message={messages.form} />
      </CardContent>
    </Card>
  );
}

function QuietHoursCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const viewerZone = useTimeZone();
  const { data } = useSuspenseQuery(trpc.notifications.preferences.queryOptions());
  const saved = data.quietHours;
  const [enabled, setEnabled] = useState(saved !== null);
  const [start, setStart] = useState(saved?.start ?? "22:00");
  const [end, setEnd] = useState(saved?.end ?? "07:00");
  const [timeZone, setTimeZone] = useState(saved?.timeZone ?? viewerZone);
  const setQuietHours = useMutation(
    trpc.notifications.setQuietHours.mutationOptions({
      onSuccess: (next) => queryClient.setQueryData(trpc.notifications.preferences.queryKey(), next),
    }),
  );
  const { error, pending, submit } = useSubmission();
  const messages = mutationMessages(error, []);

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const quietHours = enabled ? { start, end, timeZone } : null;
    if (!(await submit(() => setQuietHours.mutateAsync({ quietHours })))) return;
    notifySuccess(
      "quiet-hours",
      quietHours ? `Quiet from ${start} to ${end} (${timeZone})` : "Quiet hours are off",
    );
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Quiet hours</h2>
        </CardTitle>
        <CardDescription>
          During quiet hours, notifications wait and reach you when they end. Urgent ones come through at
          once.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form className="grid max-w-md gap-4" onSubmit={save} aria-label="Quiet hours" noValidate>
          <div className="flex items-center gap-2">
            <Checkbox
              id="quiet-hours-enabled"
              checked={enabled}
              onCheckedChange={(checked) => setEnabled(checked === true)}
            />
            <Label htmlFor="quiet-hours-enabled">Hold notifications during quiet hours</Label>
          </div>
          {enabled ? (
            <>
              <div className="grid grid-cols-2 gap-4">
                <FormField label="From" htmlFor="quiet-hours-start">
                  <Input
                    id="quiet-hours-start"
                    type="time"
                    value={start}
                    onChange={(event) => setStart(event.target.value)}
                  />
                </FormField>
                <FormField label="Until" htmlFor="quiet-hours-end">
                  <Input
                    id="quiet-hours-end"
                    type="time"
                    value={end}
                    onChange={(event) => setEnd(event.target.value)}
                  />
                </FormField>
              </div>
              <FormField
                label="Time zone"
                htmlFor="quiet-hours-zone"
                description="Quiet hours follow this zone's clock, daylight saving included."
              >
                <ChoiceSelect
                  id="quiet-hours-zone"
                  value={timeZone}
                  onChange={setTimeZone}
                  choices={zoneChoices(viewerZone)}
                />
              </FormField>
            </>
          ) : null}
          <FormError message={messages.form} />
          <div>
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save quiet hours"}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
