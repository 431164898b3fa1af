"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useState } from "react";
import { ChoiceSelect } from "@/app/_components/choice-select";
import { FormError } from "@/app/_components/form-error";
import { Button } from "@/app/_components/ui/button";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { mutationMessages } from "@/app/_lib/form-errors";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useSubmission } from "@/app/_lib/use-submission";
import { useTRPC } from "@/app/_trpc/client";
import { chatFieldLimits, type chatKinds } from "@/server/notifications/chat/schemas";

type Kind = (typeof chatKinds)[number];

export const chatKindLabels: Record<Kind, string> = {
  slack_webhook: "Slack incoming webhook",
  slack_bot: "Slack bot (token and channel)",
  teams_webhook: "Microsoft Teams Workflows webhook",
};

const help: Record<Kind, string> = {
  slack_webhook: "In your Slack app: Incoming Webhooks → Add New Webhook to Workspace, then copy its URL.",
  slack_bot:
    "A bot token (xoxb-…) with the chat:write scope, and the ID of a channel the bot was invited to.",
  teams_webhook:
    "In the Teams channel: Workflows → “Post to a channel when a webhook request is received”, then copy its URL.",
};

/**
 * Adds a Slack or Teams destination. The webhook URL or token is sent once and sealed on the
 * server; the card shows only its hint afterwards, so the fields are cleared once it is saved.
 */
export function ChatDestinationForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind>("slack_webhook");
  const [name, setName] = useState("");
  const [webhookUrl, setWebhookUrl] = useState("");
  const [botToken, setBotToken] = useState("");
  const [channelId, setChannelId] = useState("");
  const add = useMutation(
    trpc.notifications.chat.add.mutationOptions({
      onSuccess: (result) =>
        queryClient.setQueryData(trpc.notifications.chat.settings.queryKey(), result.settings),
    }),
  );
  const { error, pending, submit } = useSubmission();
  const messages = mutationMessages(error, ["name", "webhookUrl", "botToken", "channelId"]);

  const save = async () => {
    const input = kind === "slack_bot" ? { kind, name, botToken, channelId } : { kind, name, webhookUrl };
    if (await submit(() => add.mutateAsync(input))) {
      notifySuccess("chat-destination-added", `${name.trim()} added`);
      setName("");
      setWebhookUrl("");
      setBotToken("");
      setChannelId("");
    }
  };

  return (
    <form
      aria-label="Add a chat destination"
      className="grid gap-4 rounded-md border border-dashed p-4"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Kind" htmlFor="chat-kind" description={help[kind]}>
          <ChoiceSelect
            id="chat-kind"
            value={kind}
            onChange={(value) => setKind(value as Kind)}
            choices={(Object.keys(chatKindLabels) as Kind[]).map((value) => ({
              value,
              label: chatKindLabels[value],
            }))}
          />
        </FormField>
        <FormField label="Name" htmlFor="chat-name" error={messages.field("name")} required>
          <Input
            id="chat-name"
            value={name}
            limit={chatFieldLimits.name}
            placeholder="#it-alerts"
            onChange={(event) => setName(event.target.value)}
          />
        </FormField>
      </div>
      {kind === "slack_bot" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField label="Bot token" htmlFor="chat-token" error={messages.field("botToken")} required>
            <Input
              id="chat-token"
              type="password"
              autoComplete="off"
              value={botToken}
              limit={chatFieldLimits.botToken}
              onChange={(event) => setBotToken(event.target.value)}
            />
          </FormField>
          <FormField label="Channel ID" htmlFor="chat-channel" error={messages.field("channelId")} required>
            <Input
              id="chat-channel"
              value={channelId}
              limit={chatFieldLimits.channelId}
              placeholder="C0123456789"
              onChange={(event) => setChannelId(event.target.value)}
            />
          </FormField>
        </div>
      ) : (
        <FormField label="Webhook URL" htmlFor="chat-url" error={messages.field("webhookUrl")} required>
          <Input
            id="chat-url"
            type="password"
            autoComplete="off"
            value={webhookUrl}
            limit={chatFieldLimits.webhookUrl}
            onChange={(event) => setWebhookUrl(event.target.value)}
          />
        </FormField>
      )}
      <FormError message={messages.form} />
      <div>
        <Button type="submit" disabled={pending}>
          <Plus aria-hidden /> {pending ? "Adding…" : "Add destination"}
        </Button>
      </div>
    </form>
  );
}
