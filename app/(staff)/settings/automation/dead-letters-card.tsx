"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { toast } from "sonner";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { formatRelative, humanizeEventName } from "@/app/_lib/format";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useTRPC } from "@/app/_trpc/client";

/**
 * Events Inngest refused (the relay set them aside so the rest kept flowing), for admins: each
 * with Inngest's error and a Retry that queues it again. Shown only while there are some.
 */
export function DeadLettersCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: letters } = useSuspenseQuery({
    ...trpc.automation.deadLetters.queryOptions(),
    refetchInterval: 5000,
  });
  const retry = useMutation(
    trpc.automation.retryDeadLetter.mutationOptions({
      onSuccess: () => {
        notifySuccess("dead-letter-retried", "Event queued for delivery again");
        void queryClient.invalidateQueries({ queryKey: trpc.automation.pathKey() });
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  if (letters.length === 0) return null;

  return (
    <Card>
      <CardHeader>
        <CardTitle>Undelivered events</CardTitle>
        <CardDescription>
          Inngest refused these events, so no function ran for them. Fix the cause (often the event's size),
          then retry.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <Table stickyFirstColumn aria-label="Undelivered events">
          <TableHeader>
            <TableRow>
              <TableHead>Event</TableHead>
              <TableHead>Error</TableHead>
              <TableHead>Refused</TableHead>
              <TableHead className="sr-only">Retry</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {letters.map((letter) => (
              <TableRow key={letter.eventId}>
                <TableCell className="font-medium">
                  {humanizeEventName(letter.eventName)}
                  <span className="block text-xs text-muted-foreground">
                    occurred {formatRelative(letter.occurredAt)}
                  </span>
                </TableCell>
                <TableCell className="max-w-md text-sm text-destructive">{letter.error}</TableCell>
                <TableCell className="text-sm text-muted-foreground">
                  {formatRelative(letter.deadAt)}
                </TableCell>
                <TableCell className="text-right">
                  <Button
                    variant="outline"
                    size="sm"
                    disabled={retry.isPending}
                    onClick={() => retry.mutate({ eventId: letter.eventId })}
                  >
                    Retry
                    <span className="sr-only"> delivery of {humanizeEventName(letter.eventName)}</span>
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}
