"use client";

import { useQueryErrorResetBoundary } from "@tanstack/react-query";
import { CircleAlert } from "lucide-react";
import Link from "next/link";
import { Button, buttonVariants } from "@/app/_components/ui/button";
import { referenceOf } from "@/app/_lib/error-reference";

/**
 * What a signed-in page shows when it fails to render (error.tsx of each area): what happened,
 * a reference to quote to support, a retry, and a way home. The area's sidebar stays, since the
 * boundary sits below its layout. Trying again also clears React Query's failed queries, which
 * would otherwise throw again from the cache instead of being fetched anew.
 */
export function RouteError({ error, retry }: { error: unknown; retry: () => void }) {
  const reference = referenceOf(error);
  const queries = useQueryErrorResetBoundary();
  return (
    <section
      aria-labelledby="route-error-title"
      className="mx-auto flex max-w-lg flex-col items-center gap-4 py-16 text-center"
    >
      <CircleAlert aria-hidden className="size-12 text-destructive" />
      <h1 id="route-error-title" className="font-semibold text-2xl">
        This page could not be shown
      </h1>
      <p className="text-muted-foreground">
        Something went wrong while loading it. Nothing you entered was lost. Try again; if it keeps failing,
        send the reference below to your administrator.
      </p>
      {reference ? (
        <p className="text-sm">
          Reference <code className="rounded bg-muted px-1.5 py-0.5 font-mono">{reference}</code>
        </p>
      ) : null}
      <div className="flex flex-wrap justify-center gap-2">
        <Button
          onClick={() => {
            queries.reset();
            retry();
          }}
        >
          Try again
        </Button>
        <Link href="/" className={buttonVariants({ variant: "outline" })}>
          Go to your home page
        </Link>
      </div>
    </section>
  );
}
