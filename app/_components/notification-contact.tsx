"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ChoiceSelect } from "@/app/_components/choice-select";
import { FormError } from "@/app/_components/form-error";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { mutationMessages } from "@/app/_lib/form-errors";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useSubmission } from "@/app/_lib/use-submission";
import { useTRPC } from "@/app/_trpc/client";
import { PHONE_MAX } from "@/server/notifications/schemas";
import { useTimeZone } from "./time-zone";

/** Every zone Intl knows, the viewer's own first so the usual choice is at hand. */
export function zoneChoices(viewerZone: string) {
  const zones = Intl.supportedValuesOf("timeZone").filter((zone) => zone !== viewerZone);
  return [viewerZone, ...zones].map((zone) => ({ value: zone, label: zone.replaceAll("_", " ") }));
}

const hours = Array.from({ length: 24 }, (_, hour) => ({
  value: String(hour),
  label: `${String(hour).padStart(2, "0")}:00`,
}));

/**
 * The mobile number text messages go to (shown only by its last digits once saved, since it is
 * kept encrypted) and the hour the daily digest arrives, in the person's zone.
 */
export function ContactCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const viewerZone = useTimeZone();
  const { data } = useSuspenseQuery(trpc.notifications.preferences.queryOptions());
  const saved = data.settings;
  const [phone, setPhone] = useState("");
  const [digestHour, setDigestHour] = useState(String(saved.digestHour));
  const [digestTimeZone, setDigestTimeZone] = useState(saved.digestTimeZone);
  const setSettings = useMutation(
    trpc.notifications.setSettings.mutationOptions({
      onSuccess: (next) => queryClient.setQueryData(trpc.notifications.preferences.queryKey(), next),
    }),
  );
  const { error, pending, submit } = useSubmission();
  const messages = mutationMessages(error, ["phone", "digestHour", "digestTimeZone"]);

  const persist = async (removePhone: boolean) => {
    const input = {
      phone: removePhone ? null : phone.trim() ? phone : undefined,
      digestHour: Number(digestHour),
      digestTimeZone,
    };
    if (!(await submit(() => setSettings.mutateAsync(input)))) return;
    setPhone("");
    notifySuccess(
      "notification-contact",
      removePhone
        ? "Your mobile number is removed"
        : input.phone
          ? "Mobile number saved"
          : "Digest time saved",
    );
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Text messages and daily digest</h2>
        </CardTitle>
        <CardDescription>
          {saved.phoneHint
            ? `Text messages go to your number ending ${saved.phoneHint.replace(/^\D+/, "")}.`
            : "Add your mobile number to get text messages; none is on file."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form
          className="grid max-w-md gap-4"
          onSubmit={(event: FormEvent<HTMLFormElement>) => {
            event.preventDefault();
            void persist(false);
          }}
          aria-label="Text messages and digest"
          noValidate
        >
          <FormField
            label={saved.phoneHint ? "New mobile number" : "Mobile number"}
            htmlFor="notification-phone"
            description="With the country code, like +44 7700 900123. Kept encrypted."
            error={messages.field("phone")}
          >
            <Input
              id="notification-phone"
              type="tel"
              autoComplete="tel"
              limit={PHONE_MAX}
              value={phone}
              placeholder={saved.phoneHint ?? "+44 7700 900123"}
              onChange={(event) => setPhone(event.target.value)}
            />
          </FormField>
          <div className="grid grid-cols-2 gap-4">
            <FormField label="Daily digest at" htmlFor="digest-hour" error={messages.field("digestHour")}>
              <ChoiceSelect id="digest-hour" value={digestHour} onChange={setDigestHour} choices={hours} />
            </FormField>
            <FormField
              label="Digest time zone"
              htmlFor="digest-zone"
              error={messages.field("digestTimeZone")}
            >
              <ChoiceSelect
                id="digest-zone"
                value={digestTimeZone}
                onChange={setDigestTimeZone}
                choices={zoneChoices(viewerZone)}
              />
            </FormField>
          </div>
          <FormError message={messages.form} />
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save"}
            </Button>
            {saved.phoneHint ? (
              <Button type="button" variant="outline" disabled={pending} onClick={() => persist(true)}>
                Remove mobile number
              </Button>
            ) : null}
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
