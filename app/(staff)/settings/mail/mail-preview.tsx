"use client";

import { useQuery, useSuspenseQuery } from "@tanstack/react-query";
import { Mail } from "lucide-react";
import { useState } from "react";
import { DateTime } from "@/app/_components/time-zone";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { cn } from "@/app/_lib/cn";
import { useTRPC } from "@/app/_trpc/client";

/** The stored emails, newest first, and the one chosen shown as sent: rendered HTML and plain text. */
export function MailPreview() {
  const trpc = useTRPC();
  const { data: emails } = useSuspenseQuery(trpc.notifications.mailPreview.list.queryOptions({}));
  const [chosen, setChosen] = useState<string | null>(null);
  const shownId = chosen ?? emails[0]?.id ?? null;

  if (emails.length === 0) {
    return (
      <EmptyState
        icon={<Mail aria-hidden />}
        title="No emails yet"
        description="When someone is assigned equipment or asks for a password reset, the email they get appears here."
      />
    );
  }
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(16rem,22rem)_1fr]">
      <section aria-label="Stored emails">
        <ul className="grid gap-1">
          {emails.map((email) => (
            <li key={email.id}>
              <button
                type="button"
                aria-current={email.id === shownId ? "true" : undefined}
                onClick={() => setChosen(email.id)}
                className={cn(
                  "grid w-full gap-0.5 rounded-md border px-3 py-2 text-left text-sm outline-none transition-colors hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring",
                  email.id === shownId && "border-primary bg-accent",
                )}
              >
                <span className="truncate font-medium">{email.subject}</span>
                <span className="truncate text-muted-foreground">To {email.to}</span>
                <span className="text-xs text-muted-foreground">
                  <DateTime value={email.createdAt} />
                </span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      {shownId ? <StoredEmail id={shownId} /> : null}
    </div>
  );
}

/**
 * One email. Its HTML is shown in an iframe with an empty `sandbox` and `srcDoc`: no script runs,
 * it is an origin of its own (it cannot read this page or its cookies), and links in it go nowhere.
 */
function StoredEmail({ id }: { id: string }) {
  const trpc = useTRPC();
  const {
    data: email,
    isPending,
    isError,
    error,
  } = useQuery(trpc.notifications.mailPreview.get.queryOptions({ id }));
  if (isError) {
    return (
      <p role="alert" className="text-sm text-destructive">
        {error.message}
      </p>
    );
  }
  if (isPending) return <p className="text-sm text-muted-foreground">Loading the email…</p>;
  return (
    <article aria-label={`Email: ${email.subject}`} className="grid min-w-0 gap-4">
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>{email.subject}</h2>
          </CardTitle>
          <CardDescription>
            To {email.to} · <DateTime value={email.createdAt} />
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <section aria-label="As HTML" className="grid gap-2">
            <h3 className="text-sm font-medium">As HTML</h3>
            <iframe
              title={`${email.subject} (HTML)`}
              sandbox=""
              srcDoc={email.html}
              className="h-[32rem] w-full rounded-md border bg-white"
            />
          </section>
          <section aria-label="As plain text" className="grid gap-2">
            <h3 className="text-sm font-medium">As plain text</h3>
            <pre className="overflow-x-auto whitespace-pre-wrap rounded-md border bg-muted p-3 font-mono text-xs">
              {email.text}
            </pre>
          </section>
        </CardContent>
      </Card>
    </article>
  );
}
