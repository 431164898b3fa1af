"use client";

import { useQuery } from "@tanstack/react-query";
import { ShieldAlert, ShieldCheck } from "lucide-react";
import { useState } from "react";
import { DateTime } from "@/app/_components/time-zone";
import { Alert, AlertDescription, AlertTitle } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { useTRPC } from "@/app/_trpc/client";

/**
 * Runs audit.verify on request: it reads the tenant's whole log, which is cheap for thousands of
 * events and takes seconds for millions, so it does not run on every visit.
 */
export function IntegrityPanel() {
  const trpc = useTRPC();
  const [requested, setRequested] = useState(false);
  const verify = useQuery({
    ...trpc.audit.verify.queryOptions(),
    enabled: requested,
    staleTime: 0,
    retry: false,
  });
  const result = verify.data;

  return (
    <Card>
      <CardHeader className="flex flex-row items-start justify-between gap-4">
        <div className="grid gap-1.5">
          <CardTitle>Integrity</CardTitle>
          <CardDescription>
            Recomputes every event's hash and checks that each one links to the one before, so any edit,
            deletion or insertion shows up.
          </CardDescription>
        </div>
        <Button
          variant="outline"
          disabled={verify.isFetching}
          onClick={() => (requested ? void verify.refetch() : setRequested(true))}
        >
          {verify.isFetching ? "Verifying…" : result ? "Verify again" : "Verify chain"}
        </Button>
      </CardHeader>
      {result || verify.isError ? (
        <CardContent>
          {verify.isError ? (
            <Alert variant="destructive">
              <ShieldAlert aria-hidden />
              <AlertTitle>The check could not run</AlertTitle>
              <AlertDescription>{verify.error.message}</AlertDescription>
            </Alert>
          ) : result?.ok ? (
            <Alert role="status">
              <ShieldCheck aria-hidden />
              <AlertTitle>Chain intact: {result.checked.toLocaleString("en")} events verified</AlertTitle>
              <AlertDescription>
                Checked <DateTime value={result.verifiedAt} />.
              </AlertDescription>
            </Alert>
          ) : result ? (
            <Alert variant="destructive">
              <ShieldAlert aria-hidden />
              <AlertTitle>
                Chain broken: {result.problemCount.toLocaleString("en")}{" "}
                {result.problemCount === 1 ? "problem" : "problems"} in {result.checked.toLocaleString("en")}{" "}
                events
              </AlertTitle>
              <AlertDescription>
                <ul className="grid list-disc gap-1 pl-4">
                  {result.problems.map((problem) => (
                    <li key={`${problem.kind}-${problem.seq}`}>{problem.message}</li>
                  ))}
                </ul>
                {result.problemCount > result.problems.length ? (
                  <p>…and {(result.problemCount - result.problems.length).toLocaleString("en")} more.</p>
                ) : null}
              </AlertDescription>
            </Alert>
          ) : null}
        </CardContent>
      ) : null}
    </Card>
  );
}
