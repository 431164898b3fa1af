import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Logo } from "@/app/_components/logo";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { localOutboxOpen, localOutboxPath } from "@/server/accounts/mail";
import { latestOutboxEmail } from "@/server/accounts/queries";
import { Email } from "@/server/accounts/schemas";
import { getDb, withPlatform } from "@/server/db";
import { MAX_EMAIL_LENGTH } from "@/server/schemas/primitives";

export const metadata: Metadata = { title: "Local outbox" };

/**
 * A local install's inbox for mail about accounts (reset links, sign-up verification): with no
 * mail provider that mail is kept, not sent, and the person who installed the app reads it here.
 * It exists only while the app listens on loopback (server/accounts/mail.ts); anywhere else it is
 * a 404, or anyone could read anyone's reset link.
 */
export default async function LocalOutboxPage({ searchParams }: { searchParams: Promise<{ to?: string }> }) {
  if (!localOutboxOpen()) notFound();
  const parsed = Email.safeParse((await searchParams).to ?? "");
  const to = parsed.success ? parsed.data : null;
  const db = await getDb();
  const email = to ? await withPlatform(db, (trx) => latestOutboxEmail(trx, to)) : undefined;
  return (
    <main className="flex min-h-dvh flex-col items-center gap-8 bg-muted/40 px-4 py-12">
      <Logo className="text-2xl" />
      <div className="grid w-full max-w-3xl gap-6">
        <Card>
          <CardHeader>
            <CardTitle>
              <h1>Local outbox</h1>
            </CardTitle>
            <CardDescription>
              No mail provider is configured, so emails about accounts are kept here instead of being sent.
              This page is there only while Assetronics listens on this computer alone.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <form method="get" className="flex flex-wrap items-end gap-2">
              <FormField label="Email address" htmlFor="to" className="w-72">
                <Input
                  id="to"
                  name="to"
                  type="email"
                  required
                  limit={MAX_EMAIL_LENGTH}
                  defaultValue={to ?? ""}
                />
              </FormField>
              <Button type="submit" variant="outline">
                Show the latest email
              </Button>
            </form>
          </CardContent>
        </Card>
        {to && !email ? (
          <p role="status" className="text-sm text-muted-foreground">
            No email to {to} yet. It is written a moment after the request:{" "}
            <Link href={localOutboxPath(to)} className="font-medium text-primary underline">
              look again
            </Link>
            .
          </p>
        ) : null}
        {email ? (
          <article aria-label={`Email: ${email.subject}`}>
            <Card>
              <CardHeader>
                <CardTitle>
                  <h2>{email.subject}</h2>
                </CardTitle>
                <CardDescription>
                  To {email.to_address} · {email.created_at.toISOString().replace("T", " ").slice(0, 16)} UTC
                </CardDescription>
              </CardHeader>
              <CardContent className="grid gap-4">
                {/* An empty sandbox: no script runs in the email, and it cannot reach this page. */}
                <iframe
                  title={`${email.subject} (HTML)`}
                  sandbox=""
                  srcDoc={email.html}
                  className="h-[32rem] w-full rounded-md border bg-white"
                />
                <section aria-label="As plain text" className="grid gap-2">
                  <h3 className="text-sm font-medium">As plain text</h3>
                  <pre className="overflow-x-auto whitespace-pre-wrap rounded-md border bg-muted p-3 font-mono text-xs">
                    {email.text}
                  </pre>
                </section>
              </CardContent>
            </Card>
          </article>
        ) : null}
      </div>
    </main>
  );
}
