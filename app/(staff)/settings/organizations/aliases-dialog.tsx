"use client";

import { X } from "lucide-react";
import { useState } from "react";
import { FormError } from "@/app/_components/form-error";
import { Button } from "@/app/_components/ui/button";
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
import { mutationMessages } from "@/app/_lib/form-errors";
import { useSubmission } from "@/app/_lib/use-submission";

type Alias = { id: string; alias: string };

/** Lists the other spellings recorded for one organization or department; adds and removes them. */
export function AliasesDialog({
  entity,
  canManage,
  onClose,
  add,
  remove,
}: {
  entity: { name: string; aliases: Alias[] };
  canManage: boolean;
  onClose: () => void;
  add: (alias: string) => Promise<unknown>;
  remove: (aliasId: string) => Promise<unknown>;
}) {
  const [alias, setAlias] = useState("");
  const { error, pending, submit } = useSubmission();
  const errors = mutationMessages(error, ["alias"]);

  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Aliases of {entity.name}</DialogTitle>
          <DialogDescription>
            Imports and integrations that send one of these spellings are matched to {entity.name}.
          </DialogDescription>
        </DialogHeader>
        {entity.aliases.length === 0 ? (
          <p className="text-muted-foreground text-sm">No aliases recorded.</p>
        ) : (
          <ul className="flex flex-wrap gap-2" aria-label={`Aliases of ${entity.name}`}>
            {entity.aliases.map((item) => (
              <li key={item.id} className="flex items-center gap-1 rounded-md border px-2 py-1 text-sm">
                {item.alias}
                {canManage ? (
                  <Button
                    variant="ghost"
                    size="icon"
                    className="size-6"
                    aria-label={`Remove alias ${item.alias}`}
                    disabled={pending}
                    onClick={() => void submit(() => remove(item.id))}
                  >
                    <X aria-hidden />
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {canManage ? (
          <form
            className="grid gap-3"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              if (!alias.trim()) return;
              void submit(() => add(alias.trim())).then((added) => {
                if (added) setAlias("");
              });
            }}
          >
            <FormField label="New alias" htmlFor="alias-input" error={errors.field("alias")}>
              <Input id="alias-input" value={alias} limit={120} onChange={(e) => setAlias(e.target.value)} />
            </FormField>
            <FormError message={errors.form} />
            <DialogFooter>
              <Button type="button" variant="outline" onClick={onClose}>
                Done
              </Button>
              <Button type="submit" disabled={pending || !alias.trim()}>
                Add alias
              </Button>
            </DialogFooter>
          </form>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}
