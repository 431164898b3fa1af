"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import { useState } from "react";
import { FormDialog } from "@/app/_components/form-dialog";
import { DateTime } from "@/app/_components/time-zone";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/app/_components/ui/dialog";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { mutationMessages } from "@/app/_lib/form-errors";
import { notifySuccess, toastOutcome } from "@/app/_lib/mutation-feedback";
import { useSubmission } from "@/app/_lib/use-submission";
import { useTRPC } from "@/app/_trpc/client";
import { NAME_MAX } from "@/server/schemas/primitives";
import { CopyField } from "./copy-field";

type Created = { name: string; token: string; installCommand: string };

function CreateTokenDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (created: Created) => void;
}) {
  const trpc = useTRPC();
  const create = useMutation(trpc.agent.createToken.mutationOptions());
  const [name, setName] = useState("");
  const [days, setDays] = useState("30");
  const { error, pending, submit } = useSubmission();
  const messages = mutationMessages(error, ["name", "expiresInDays"]);
  return (
    <FormDialog
      title="Create an enrollment token"
      description="Devices enroll with it until it expires or you revoke it. It is shown once."
      submitLabel="Create token"
      pending={pending}
      error={messages.form}
      onClose={onClose}
      onSubmit={async () => {
        let created: Created | undefined;
        const ok = await submit(async () => {
          created = await create.mutateAsync({ name, expiresInDays: Number(days) });
        });
        if (ok && created) onCreated(created);
      }}
    >
      <FormField
        label="Name"
        htmlFor="token-name"
        error={messages.field("name")}
        description="Where it will be used, e.g. Berlin laptops"
      >
        <Input
          id="token-name"
          value={name}
          limit={NAME_MAX}
          onChange={(event) => setName(event.target.value)}
          autoFocus
        />
      </FormField>
      <FormField label="Expires in (days)" htmlFor="token-days" error={messages.field("expiresInDays")}>
        <Input
          id="token-days"
          type="number"
          inputMode="numeric"
          min={1}
          max={365}
          value={days}
          onChange={(event) => setDays(event.target.value)}
        />
      </FormField>
    </FormDialog>
  );
}

function ShowOnceDialog({ created, onClose }: { created: Created; onClose: () => void }) {
  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Token “{created.name}” created</DialogTitle>
          <DialogDescription>
            Copy it now: it is not shown again. On a Linux machine, run this as root to install the agent and
            enroll it:
          </DialogDescription>
        </DialogHeader>
        <CopyField value={created.installCommand} label="Install command" />
        <p className="text-sm text-muted-foreground">
          Or enroll an agent you installed yourself with this token:
        </p>
        <CopyField value={created.token} label="Enrollment token" />
        <DialogFooter>
          <Button type="button" onClick={onClose}>
            Done
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

const stateOf = (token: { revokedAt: Date | null; expiresAt: Date }) =>
  token.revokedAt ? "revoked" : new Date(token.expiresAt) <= new Date() ? "expired" : "active";
const stateBadge = { active: "success", revoked: "secondary", expired: "outline" } as const;

/** Enrollment tokens: create one (its install command shown once), see how often each was used, revoke. */
export function EnrollmentTokensCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: tokens } = useSuspenseQuery(trpc.agent.tokens.queryOptions());
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.agent.tokens.queryKey() });
  const revoke = useMutation(trpc.agent.revokeToken.mutationOptions(toastOutcome("Token revoked", refresh)));

  return (
    <Card>
      <CardHeader className="flex flex-row items-start justify-between gap-4">
        <div className="grid gap-1.5">
          <CardTitle>Enrollment tokens</CardTitle>
          <CardDescription>
            What an install script uses to enroll a device. Only a prefix is kept for you to recognize it.
          </CardDescription>
        </div>
        <Button onClick={() => setCreating(true)}>
          <KeyRound aria-hidden /> Create token
        </Button>
      </CardHeader>
      <CardContent>
        {tokens.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            No tokens yet: create one to enroll your first device.
          </p>
        ) : (
          <Table stickyFirstColumn aria-label="Enrollment tokens">
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Token</TableHead>
                <TableHead>State</TableHead>
                <TableHead>Expires</TableHead>
                <TableHead>Enrolled</TableHead>
                <TableHead>
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {tokens.map((token) => {
                const state = stateOf(token);
                return (
                  <TableRow key={token.id}>
                    <TableCell className="font-medium">{token.name}</TableCell>
                    <TableCell className="font-mono text-xs">{token.prefix}…</TableCell>
                    <TableCell>
                      <Badge variant={stateBadge[state]}>{state}</Badge>
                    </TableCell>
                    <TableCell>
                      <DateTime value={token.expiresAt} date />
                    </TableCell>
                    <TableCell>
                      {token.uses} {token.uses === 1 ? "device" : "devices"}
                    </TableCell>
                    <TableCell className="text-right">
                      {state === "active" ? (
                        <Button
                          variant="outline"
                          size="sm"
                          disabled={revoke.isPending}
                          onClick={() => revoke.mutate({ tokenId: token.id })}
                          aria-label={`Revoke token ${token.name}`}
                        >
                          Revoke
                        </Button>
                      ) : null}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
      </CardContent>
      {creating ? (
        <CreateTokenDialog
          onClose={() => setCreating(false)}
          onCreated={(next) => {
            setCreating(false);
            setCreated(next);
            notifySuccess("agent-token", `Token ${next.name} created`);
            void refresh();
          }}
        />
      ) : null}
      {created ? <ShowOnceDialog created={created} onClose={() => setCreated(null)} /> : null}
    </Card>
  );
}
