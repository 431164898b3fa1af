"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { DateTime } from "@/app/_components/time-zone";
import { Button } from "@/app/_components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/app/_components/ui/dialog";
import { Input } from "@/app/_components/ui/input";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useTRPC } from "@/app/_trpc/client";

/** Creates a single-use password reset link for a member and shows it to hand over. */
export function ResetLinkDialog({ member }: { member: { id: string; name: string; email: string } }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState(false);
  const queryClient = useQueryClient();
  // The member's pending request from the sign-in page is answered by the link.
  const create = useMutation(
    trpc.accounts.createPasswordResetLink.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.accounts.users.queryKey() }),
    }),
  );
  const created = create.data;

  const toggle = (next: boolean) => {
    setOpen(next);
    if (!next) {
      setCopied(false);
      create.reset();
    }
  };

  return (
    <Dialog open={open} onOpenChange={toggle}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm">
          Reset password<span className="sr-only"> of {member.name}</span>
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Reset the password of {member.name}</DialogTitle>
          <DialogDescription>
            A link for {member.email} to choose a new password. It works once, for 24 hours, and replaces any
            earlier link. Their sessions end when they use it.
          </DialogDescription>
        </DialogHeader>
        {created ? (
          <div className="grid gap-3">
            <p className="text-sm">
              Send this link to <strong>{created.email}</strong> (valid until{" "}
              <DateTime value={created.expiresAt} />
              ):
            </p>
            <div className="flex gap-2">
              <Input
                readOnly
                value={created.link}
                aria-label="Password reset link"
                onFocus={(event) => event.currentTarget.select()}
              />
              <Button
                type="button"
                variant="outline"
                size="icon"
                aria-label="Copy password reset link"
                onClick={async () => {
                  await navigator.clipboard?.writeText(created.link).catch(() => {});
                  setCopied(true);
                  notifySuccess("link-copied", "Link copied");
                }}
              >
                {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
              </Button>
            </div>
            <DialogFooter>
              <Button type="button" onClick={() => toggle(false)}>
                Done
              </Button>
            </DialogFooter>
          </div>
        ) : (
          <div className="grid gap-3">
            {create.error ? <p className="text-sm text-destructive">{create.error.message}</p> : null}
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => toggle(false)}>
                Cancel
              </Button>
              <Button
                type="button"
                disabled={create.isPending}
                onClick={() => create.mutate({ userId: member.id })}
              >
                {create.isPending ? "Creating…" : "Create reset link"}
              </Button>
            </DialogFooter>
          </div>
        )}
      </DialogContent>
    </Dialog>
  );
}
