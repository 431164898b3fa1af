"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Check, Copy, UserPlus } from "lucide-react";
import { useState } from "react";
import { ChoiceSelect } from "@/app/_components/choice-select";
import { FormError } from "@/app/_components/form-error";
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
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { mutationMessages } from "@/app/_lib/form-errors";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useTRPC } from "@/app/_trpc/client";
import { roleDescriptions, roleLabels, type TenantRole, tenantRoles } from "@/server/roles";
import { MAX_EMAIL_LENGTH } from "@/server/schemas/primitives";

export function InviteDialog() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<TenantRole>("employee");
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const invite = useMutation(
    trpc.accounts.invite.mutationOptions({
      onSuccess: (created) => {
        setLink(created.link);
        void queryClient.invalidateQueries({ queryKey: trpc.accounts.invitations.queryKey() });
      },
    }),
  );
  const errors = mutationMessages(invite.error, ["email"]);

  const reset = (next: boolean) => {
    setOpen(next);
    if (!next) {
      setEmail("");
      setRole("employee");
      setLink(null);
      setCopied(false);
      invite.reset();
    }
  };

  return (
    <Dialog open={open} onOpenChange={reset}>
      <DialogTrigger asChild>
        <Button>
          <UserPlus aria-hidden /> Invite user
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Invite a user</DialogTitle>
          <DialogDescription>
            They get a link to set their name and password. The link works for 7 days.
          </DialogDescription>
        </DialogHeader>
        {link ? (
          <div className="grid gap-3">
            <p className="text-sm">
              Invitation created for <strong>{email}</strong>. Send them this link:
            </p>
            <div className="flex gap-2">
              <Input
                readOnly
                value={link}
                aria-label="Invitation link"
                onFocus={(event) => event.currentTarget.select()}
              />
              <Button
                type="button"
                variant="outline"
                size="icon"
                aria-label="Copy invitation link"
                onClick={async () => {
                  await navigator.clipboard?.writeText(link).catch(() => {});
                  setCopied(true);
                  notifySuccess("link-copied", "Link copied");
                }}
              >
                {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
              </Button>
            </div>
            <DialogFooter>
              <Button type="button" onClick={() => reset(false)}>
                Done
              </Button>
            </DialogFooter>
          </div>
        ) : (
          <form
            className="grid gap-4"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              invite.mutate({ email, role });
            }}
          >
            <FormField label="Email" htmlFor="invite-email" error={errors.field("email")}>
              <Input
                id="invite-email"
                type="email"
                value={email}
                limit={MAX_EMAIL_LENGTH}
                onChange={(event) => setEmail(event.target.value)}
                required
                autoFocus
              />
            </FormField>
            <FormField label="Role" htmlFor="invite-role" description={roleDescriptions[role]}>
              <ChoiceSelect
                id="invite-role"
                value={role}
                onChange={(value) => setRole(value as TenantRole)}
                choices={tenantRoles.map((option) => ({ value: option, label: roleLabels[option] }))}
              />
            </FormField>
            <FormError message={errors.form} />
            <DialogFooter>
              <Button
                type="button"
                variant="outline"
                onClick={() => reset(false)}
                disabled={invite.isPending}
              >
                Cancel
              </Button>
              <Button type="submit" disabled={invite.isPending}>
                {invite.isPending ? "Creating…" : "Create invitation"}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
