"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { DateTime } from "@/app/_components/time-zone";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { useTRPC } from "@/app/_trpc/client";

/** Text messages kept instead of sent while no SMS provider (the tenant's account or TWILIO_*) is configured. */
export function TextPreviews() {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.notifications.textPreview.list.queryOptions({}));
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Text message preview</h2>
        </CardTitle>
        <CardDescription>
          Without an SMS account (yours above, or the platform's TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and
          TWILIO_FROM), text messages are kept here instead, numbers shown by their last digits.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {data.length === 0 ? (
          <p className="text-muted-foreground text-sm">No text messages yet.</p>
        ) : (
          <ul className="grid gap-2" aria-label="Stored text messages">
            {data.map((message) => (
              <li key={message.id} className="grid gap-1 rounded-md border px-3 py-2 text-sm">
                <span className="text-muted-foreground text-xs">
                  To {message.to} · <DateTime value={message.createdAt} />
                </span>
                <span className="whitespace-pre-wrap break-words">{message.body}</span>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
