"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { CircleAlert, CircleCheck, Save, Send, Trash2 } from "lucide-react";
import { useState } from "react";
import { FormError } from "@/app/_components/form-error";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { Switch } from "@/app/_components/ui/switch";
import { mutationMessages } from "@/app/_lib/form-errors";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useSubmission } from "@/app/_lib/use-submission";
import { useTRPC } from "@/app/_trpc/client";
import { type SmsSettings as Settings, smsFieldLimits } from "@/server/notifications/sms-settings/schemas";
import { ConfirmDialog } from "../_components/confirm-dialog";

const sendsWithText: Record<Settings["sendsWith"], string> = {
  tenant: "Text messages are sent with this account.",
  platform: "Text messages are sent with the platform's Twilio account until you save and turn on your own.",
  preview:
    "No SMS provider is set up: text messages are kept in the preview below until you save an account.",
};

/**
 * Text messages (SMS): the tenant's own Twilio account. The auth token is sent once, sealed on the
 * server and shown only by its hint; leaving it blank on a later save keeps it. "Send test message"
 * texts a number with the saved account and shows Twilio's answer in place.
 */
export function SmsSettingsCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.notifications.sms.settings.queryOptions());
  const store = (next: Settings) =>
    queryClient.setQueryData(trpc.notifications.sms.settings.queryKey(), next);
  const account = data.account;

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Text messages (SMS)</h2>
        </CardTitle>
        <CardDescription>
          Send text messages with your own Twilio account. The auth token is stored encrypted and never shown
          again. {sendsWithText[data.sendsWith]}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        {account ? <AccountSummary account={account} onChange={store} /> : null}
        <SmsAccountForm
          key={account ? `${account.accountSid}/${account.updatedAt.toISOString()}` : "new"}
          account={account}
          onSaved={store}
        />
        {account ? <SmsTest /> : null}
      </CardContent>
    </Card>
  );
}

function AccountSummary({
  account,
  onChange,
}: {
  account: NonNullable<Settings["account"]>;
  onChange: (next: Settings) => void;
}) {
  const trpc = useTRPC();
  const setEnabled = useMutation(trpc.notifications.sms.setEnabled.mutationOptions({ onSuccess: onChange }));
  const remove = useMutation(trpc.notifications.sms.remove.mutationOptions({ onSuccess: onChange }));
  const [confirming, setConfirming] = useState(false);
  const enabled = setEnabled.isPending ? Boolean(setEnabled.variables?.enabled) : account.enabled;
  return (
    <section
      aria-label="Saved SMS account"
      className="flex flex-wrap items-center justify-between gap-3 rounded-md border p-3"
    >
      <div className="grid gap-0.5 text-sm">
        <span className="font-medium">Account {account.accountSid}</span>
        <span className="text-muted-foreground text-xs">
          Auth token {account.tokenHint} · from {account.sender}
          {account.baseUrl ? ` · via ${account.baseUrl}` : ""}
        </span>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <div className="flex items-center gap-2">
          <Switch
            id="sms-enabled"
            checked={enabled}
            disabled={setEnabled.isPending}
            onCheckedChange={(checked) => setEnabled.mutate({ enabled: checked })}
          />
          <label htmlFor="sms-enabled" className="text-sm">
            Send with this account
          </label>
        </div>
        <Button variant="outline" size="sm" onClick={() => setConfirming(true)}>
          <Trash2 aria-hidden /> Remove
        </Button>
      </div>
      {confirming ? (
        <ConfirmDialog
          title="Remove the SMS account?"
          description="Its credentials are deleted. Text messages then go out with the platform's account, or are kept in the preview."
          confirmLabel="Remove account"
          onClose={() => setConfirming(false)}
          confirm={async () => {
            await remove.mutateAsync();
            notifySuccess("sms-settings-removed", "SMS account removed");
          }}
        />
      ) : null}
    </section>
  );
}

const fields = ["accountSid", "authToken", "sender", "baseUrl"] as const;

/** Sets or replaces the account; a blank auth token keeps the saved one. */
function SmsAccountForm({
  account,
  onSaved,
}: {
  account: Settings["account"];
  onSaved: (next: Settings) => void;
}) {
  const trpc = useTRPC();
  const [accountSid, setAccountSid] = useState(account?.accountSid ?? "");
  const [authToken, setAuthToken] = useState("");
  const [sender, setSender] = useState(account?.sender ?? "");
  const [baseUrl, setBaseUrl] = useState(account?.baseUrl ?? "");
  const save = useMutation(trpc.notifications.sms.save.mutationOptions({ onSuccess: onSaved }));
  const { error, pending, submit } = useSubmission();
  const messages = mutationMessages(error, fields);

  const onSubmit = async () => {
    const input = {
      accountSid,
      sender,
      baseUrl,
      enabled: account?.enabled ?? true,
      ...(authToken.trim() ? { authToken } : {}),
    };
    if (await submit(() => save.mutateAsync(input))) {
      notifySuccess("sms-settings-saved", "SMS account saved");
      setAuthToken("");
    }
  };

  return (
    <form
      aria-label={account ? "Change the SMS account" : "Set up an SMS account"}
      className="grid gap-4 rounded-md border border-dashed p-4"
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField
          label="Account SID"
          htmlFor="sms-account-sid"
          description="Twilio console → Account Info (AC…)."
          error={messages.field("accountSid")}
          required
        >
          <Input
            id="sms-account-sid"
            autoComplete="off"
            value={accountSid}
            limit={smsFieldLimits.accountSid}
            placeholder="AC0123456789abcdef0123456789abcdef"
            onChange={(event) => setAccountSid(event.target.value)}
          />
        </FormField>
        <FormField
          label="Auth token"
          htmlFor="sms-auth-token"
          description={
            account
              ? `Saved (${account.tokenHint}); leave blank to keep it.`
              : "Twilio console → Account Info."
          }
          error={messages.field("authToken")}
          required={!account}
        >
          <Input
            id="sms-auth-token"
            type="password"
            autoComplete="off"
            value={authToken}
            limit={smsFieldLimits.authToken}
            onChange={(event) => setAuthToken(event.target.value)}
          />
        </FormField>
        <FormField
          label="Sender"
          htmlFor="sms-sender"
          description="A number of this account with its country code, or a messaging service SID (MG…)."
          error={messages.field("sender")}
          required
        >
          <Input
            id="sms-sender"
            autoComplete="off"
            value={sender}
            limit={smsFieldLimits.sender}
            placeholder="+15551234567"
            onChange={(event) => setSender(event.target.value)}
          />
        </FormField>
        <FormField
          label="API address (optional)"
          htmlFor="sms-base-url"
          description="Only for a Twilio-compatible provider; blank sends through https://api.twilio.com."
          error={messages.field("baseUrl")}
        >
          <Input
            id="sms-base-url"
            inputMode="url"
            autoComplete="off"
            value={baseUrl}
            limit={smsFieldLimits.baseUrl}
            placeholder="https://api.twilio.com"
            onChange={(event) => setBaseUrl(event.target.value)}
          />
        </FormField>
      </div>
      <FormError message={messages.form} />
      <div>
        <Button type="submit" disabled={pending}>
          <Save aria-hidden /> {pending ? "Saving…" : "Save SMS account"}
        </Button>
      </div>
    </form>
  );
}

/** Texts a number with the saved account (on or off) and shows Twilio's answer. */
function SmsTest() {
  const trpc = useTRPC();
  const [phone, setPhone] = useState("");
  const test = useMutation(trpc.notifications.sms.sendTest.mutationOptions());
  const refused = test.error ? mutationMessages(test.error, ["phone"]) : null;
  const outcome = test.data
    ? test.data.ok
      ? { ok: true, text: test.data.detail }
      : { ok: false, text: test.data.message }
    : refused?.form
      ? { ok: false, text: refused.form }
      : null;
  return (
    <form
      aria-label="Send a test text message"
      className="grid gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        test.mutate({ phone });
      }}
    >
      <div className="flex flex-wrap items-end gap-3">
        <FormField label="Test number" htmlFor="sms-test-phone" error={refused?.field("phone")} required>
          <Input
            id="sms-test-phone"
            type="tel"
            autoComplete="off"
            value={phone}
            limit={smsFieldLimits.testPhone}
            placeholder="+44 7700 900123"
            onChange={(event) => setPhone(event.target.value)}
          />
        </FormField>
        <Button type="submit" variant="outline" disabled={test.isPending}>
          <Send aria-hidden /> {test.isPending ? "Sending…" : "Send test message"}
        </Button>
      </div>
      <div role="status" aria-live="polite" aria-label="Test message result" className="text-sm">
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
    </form>
  );
}
