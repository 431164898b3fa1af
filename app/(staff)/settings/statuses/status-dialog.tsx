"use client";

import { useState } from "react";
import { ChoiceSelect } from "@/app/_components/choice-select";
import { FormDialog } from "@/app/_components/form-dialog";
import { Checkbox } from "@/app/_components/ui/checkbox";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { Label } from "@/app/_components/ui/label";
import { mutationMessages } from "@/app/_lib/form-errors";
import { useSubmission } from "@/app/_lib/use-submission";
import { kindLabels, type StatusKind, statusKinds } from "@/server/assets/lifecycle";
import { type StatusColor, statusColors } from "@/server/reference/statuses/schemas";
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
  const { error, pending, submit } = useSubmission();
  const errors = mutationMessages(error, ["label", "kind"]);

  return (
    <FormDialog
      title={status ? `Edit ${status.label}` : "Add status"}
      description="The stage decides what can happen to an asset with this status."
      submitLabel={status ? "Save" : "Add status"}
      pending={pending}
      error={errors.form}
      onClose={onClose}
      onSubmit={async () => {
        setLocalError(label.trim() ? undefined : "Enter a label");
        if (label.trim() && (await submit(() => save({ label: label.trim(), kind, color, isDefault }))))
          onClose();
      }}
    >
      <FormField label="Label" htmlFor="status-label" required error={localError ?? errors.field("label")}>
        <Input
          id="status-label"
          value={label}
          limit={60}
          autoFocus
          onChange={(e) => setLabel(e.target.value)}
        />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Lifecycle stage" htmlFor="status-kind" error={errors.field("kind")}>
          <ChoiceSelect
            id="status-kind"
            value={kind}
            onChange={(value) => setKind(value as StatusKind)}
            choices={statusKinds.map((option) => ({ value: option, label: kindLabels[option] }))}
          />
        </FormField>
        <FormField label="Color" htmlFor="status-color">
          <ChoiceSelect
            id="status-color"
            value={color}
            onChange={(value) => setColor(value as StatusColor)}
            choices={statusColors.map((option) => ({
              value: option,
              label: (
                <>
                  <span aria-hidden className={`size-3 rounded-full ${swatchClass[option]}`} />
                  {option}
                </>
              ),
            }))}
          />
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
    </FormDialog>
  );
}
