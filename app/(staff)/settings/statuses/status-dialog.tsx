"use client";

import { useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { Checkbox } from "@/app/_components/ui/checkbox";
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
import { Label } from "@/app/_components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/app/_components/ui/select";
import { kindLabels, type StatusKind, statusKinds } from "@/server/assets/lifecycle";
import { type StatusColor, statusColors } from "@/server/reference/schemas/statuses";
import { FormAlert, fieldError, formError, type MutationError } from "../_components/reference-ui";
import { swatchClass } from "./status-colors";

export type StatusValues = { label: string; kind: StatusKind; color: StatusColor; isDefault: boolean };

export function StatusDialog({
  status,
  onClose,
  save,
}: {
  status?: StatusValues;
  onClose: () => void;
  save: (values: StatusValues) => Promise<unknown>;
}) {
  const [label, setLabel] = useState(status?.label ?? "");
  const [kind, setKind] = useState<StatusKind>(status?.kind ?? "in_stock");
  const [color, setColor] = useState<StatusColor>(status?.color ?? "gray");
  const [isDefault, setIsDefault] = useState(false);
  const [localError, setLocalError] = useState<string>();
  const [error, setError] = useState<MutationError>(null);
  const [pending, setPending] = useState(false);

  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{status ? `Edit ${status.label}` : "Add status"}</DialogTitle>
          <DialogDescription>
            The stage decides what can happen to an asset with this status.
          </DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-4"
          noValidate
          onSubmit={async (event) => {
            event.preventDefault();
            if (!label.trim()) {
              setLocalError("Enter a label");
              return;
            }
            setLocalError(undefined);
            setPending(true);
            setError(null);
            try {
              await save({ label: label.trim(), kind, color, isDefault });
              onClose();
            } catch (caught) {
              setError(caught as MutationError);
            } finally {
              setPending(false);
            }
          }}
        >
          <FormField
            label="Label"
            htmlFor="status-label"
            required
            error={localError ?? fieldError(error, "label")}
          >
            <Input
              id="status-label"
              value={label}
              maxLength={60}
              autoFocus
              onChange={(e) => setLabel(e.target.value)}
            />
          </FormField>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField label="Lifecycle stage" htmlFor="status-kind" error={fieldError(error, "kind")}>
              <Select value={kind} onValueChange={(value) => setKind(value as StatusKind)}>
                <SelectTrigger id="status-kind" className="w-full">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {statusKinds.map((option) => (
                    <SelectItem key={option} value={option}>
                      {kindLabels[option]}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </FormField>
            <FormField label="Color" htmlFor="status-color">
              <Select value={color} onValueChange={(value) => setColor(value as StatusColor)}>
                <SelectTrigger id="status-color" className="w-full">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {statusColors.map((option) => (
                    <SelectItem key={option} value={option}>
                      <span aria-hidden className={`size-3 rounded-full ${swatchClass[option]}`} />
                      {option}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </FormField>
          </div>
          {status ? null : (
            <div className="flex items-center gap-2">
              <Checkbox
                id="status-default"
                checked={isDefault}
                onCheckedChange={(value) => setIsDefault(value === true)}
              />
              <Label htmlFor="status-default" className="font-normal">
                Make it the default for {kindLabels[kind].toLowerCase()}
              </Label>
            </div>
          )}
          <FormAlert message={error?.data?.zodError ? undefined : formError(error)} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {status ? "Save" : "Add status"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
