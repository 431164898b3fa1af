"use client";

import { useMutation } from "@tanstack/react-query";
import { CircleAlert, CircleCheck, PlugZap } from "lucide-react";
import { useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { mutationMessages } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_trpc/client";
import type { TestConnectionInput } from "./integration-types";

/**
 * "Test connection" with its answer in place: the provider's own sentence when it works
 * ("Connected to acme: 212 people visible"), the admin's sentence when it does not (bad API key,
 * wrong subdomain, missing scope). A result is shown only for the values it was tested with, so
 * editing a field after a test never leaves a stale "Connected" on screen.
 */
export function TestConnection({
  input,
  note,
}: {
  /** What to test, or the reason there is nothing to test yet. */
  input: TestConnectionInput | { missing: string };
  note?: string;
}) {
  const trpc = useTRPC();
  const test = useMutation(trpc.integrations.testConnection.mutationOptions());
  const [testedKey, setTestedKey] = useState<string | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const key = JSON.stringify(input);
  const current = testedKey === key;

  const run = () => {
    setTestedKey(key);
    if ("missing" in input) {
      setMissing(input.missing);
      test.reset();
      return;
    }
    setMissing(null);
    test.mutate(input);
  };

  let outcome: { ok: boolean; text: string } | null = null;
  if (current && missing) outcome = { ok: false, text: missing };
  else if (current && test.data)
    outcome = test.data.ok ? { ok: true, text: test.data.detail } : { ok: false, text: test.data.message };
  else if (current && test.error)
    outcome = { ok: false, text: mutationMessages(test.error, []).form ?? test.error.message };

  return (
    <div className="grid gap-2 rounded-md border border-dashed p-3">
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" variant="outline" size="sm" onClick={run} disabled={test.isPending}>
          <PlugZap aria-hidden />
          {test.isPending ? "Testing…" : "Test connection"}
        </Button>
        {note ? <span className="text-muted-foreground text-xs">{note}</span> : null}
      </div>
      <div role="status" aria-live="polite" className="text-sm">
        {outcome ? (
          <p
            className={
              outcome.ok
                ? "flex items-start gap-2 text-foreground"
                : "flex items-start gap-2 font-medium text-destructive"
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
    </div>
  );
}
