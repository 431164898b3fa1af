"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { FormDialog } from "@/app/_components/form-dialog";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { mutationMessages } from "@/app/_lib/form-errors";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useTRPC } from "@/app/_trpc/client";
import { templateTextLimits, type WorkflowTemplate } from "@/server/workflows/schemas";

/**
 * Copies a template as a second one of its kind, named by the admin, then opens the copy: an
 * automation rule can be pointed at it (Settings, Automation rules).
 */
export function DuplicateTemplateDialog({
  template,
  onCreated,
  onClose,
}: {
  template: WorkflowTemplate;
  onCreated: (templateId: string) => void;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(`${template.name} (copy)`.slice(0, templateTextLimits.name));
  const duplicate = useMutation(
    trpc.workflows.duplicateTemplate.mutationOptions({
      onSuccess: async ({ id }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.workflows.templates.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.workflows.rules.queryKey() });
        notifySuccess("workflow-template-copied", `${name} created from ${template.name}`);
        onCreated(id);
        onClose();
      },
    }),
  );
  const errors = mutationMessages(duplicate.error, ["name"]);
  return (
    <FormDialog
      title={`Copy ${template.name}`}
      description="The copy starts with these steps at version 1. Point an automation rule at it to use it."
      submitLabel="Create copy"
      pending={duplicate.isPending}
      error={errors.form}
      onClose={onClose}
      onSubmit={() => duplicate.mutate({ templateId: template.id, name })}
    >
      <FormField label="Name of the copy" htmlFor="template-copy-name" required error={errors.field("name")}>
        <Input
          id="template-copy-name"
          value={name}
          limit={templateTextLimits.name}
          onChange={(event) => setName(event.target.value)}
        />
      </FormField>
    </FormDialog>
  );
}
