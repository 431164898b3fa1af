"use client";

import { useMutation } from "@tanstack/react-query";
import { Save } from "lucide-react";
import { useState } from "react";
import { FormError } from "@/app/_components/form-error";
import { Button } from "@/app/_components/ui/button";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { mutationMessages } from "@/app/_lib/form-errors";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useSubmission } from "@/app/_lib/use-submission";
import { useTRPC } from "@/app/_trpc/client";
import { type ChatSettings, chatFieldLimits } from "@/server/notifications/chat/schemas";

type Destination = ChatSettings["destinations"][number];

/**
 * Edits one destination in place: its name, a bot's channel, and its webhook URL or token, which
 * the page never has: left blank, the saved one is kept. Its routes stay as they are.
 */
export function ChatDestinationEdit({
  destination,
  onSaved,
  onCancel,
}: {
  destination: Destination;
  onSaved: (next: ChatSettings) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const [name, setName] = useState(destination.name);
  const [secret, setSecret] = useState("");
  const [channelId, setChannelId] = useState(destination.channelId ?? "");
  const update = useMutation(trpc.notifications.chat.update.mutationOptions({ onSuccess: onSaved }));
  const { error, pending, submit } = useSubmission();
  const messages = mutationMessages(error, ["name", "webhookUrl", "botToken", "channelId"]);
  const bot = destination.kind === "slack_bot";
  const idOf = (field: string) => `chat-edit-${field}-${destination.id}`;

  const save = async () => {
    const replaced = secret.trim() ? secret : undefined;
    const base = { destinationId: destination.id, name };
    const input =
      destination.kind === "slack_bot"
        ? { ...base, kind: destination.kind, channelId, botToken: replaced }
        : { ...base, kind: destination.kind, webhookUrl: replaced };
    if (await submit(() => update.mutateAsync(input))) {
      notifySuccess("chat-destination-updated", `${name.trim()} saved`);
      onCancel();
    }
  };

  return (
    <form
      aria-label={`Edit ${destination.name}`}
      className="grid gap-4 rounded-md border border-dashed p-3"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Name" htmlFor={idOf("name")} error={messages.field("name")} required>
          <Input
            id={idOf("name")}
            value={name}
            limit={chatFieldLimits.name}
            onChange={(event) => setName(event.target.value)}
          />
        </FormField>
        {bot ? (
          <FormField
            label="Channel ID"
            htmlFor={idOf("channel")}
            error={messages.field("channelId")}
            required
          >
            <Input
              id={idOf("channel")}
              value={channelId}
              limit={chatFieldLimits.channelId}
              onChange={(event) => setChannelId(event.target.value)}
            />
          </FormField>
        ) : null}
        <FormField
          label={bot ? "New bot token" : "New webhook URL"}
          htmlFor={idOf("secret")}
          description={`Saved (${destination.hint}); leave blank to keep it.`}
          error={messages.field(bot ? "botToken" : "webhookUrl")}
        >
          <Input
            id={idOf("secret")}
            type="password"
            autoComplete="off"
            value={secret}
            limit={bot ? chatFieldLimits.botToken : chatFieldLimits.webhookUrl}
            onChange={(event) => setSecret(event.target.value)}
          />
        </FormField>
      </div>
      <FormError message={messages.form} />
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={pending}>
          <Save aria-hidden /> {pending ? "Saving…" : "Save changes"}
        </Button>
        <Button type="button" size="sm" variant="outline" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
