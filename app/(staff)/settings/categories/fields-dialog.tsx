"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { SortableList } from "@/app/_components/sortable-list";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/app/_components/ui/dialog";
import { Separator } from "@/app/_components/ui/separator";
import { cn } from "@/app/_lib/cn";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useTRPC } from "@/app/_trpc/client";
import type { CategoryListItem } from "@/server/reference/catalog/schemas";
import { useRefreshReference } from "../_components/reference-ui";
import { FieldForm, typeLabels } from "./field-form";

/** A category's custom fields: add, edit label/required/options, reorder, archive. */
export function FieldsDialog({
  category,
  canManage,
  onClose,
}: {
  category: CategoryListItem;
  canManage: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshReference();
  const [editing, setEditing] = useState<string | null>(null);
  const onSuccess = () => void refresh();
  const onError = (error: { message: string }) => toast.error(error.message);
  const api = trpc.reference.category;
  const addField = useMutation(api.addField.mutationOptions({ onSuccess }));
  const updateField = useMutation(api.updateField.mutationOptions({ onSuccess }));
  const reorder = useMutation(api.reorderFields.mutationOptions({ onError }));
  const archive = useMutation(api.archiveField.mutationOptions({ onSuccess, onError }));
  const unarchive = useMutation(api.unarchiveField.mutationOptions({ onSuccess, onError }));
  // The order just chosen, shown while it is saved so the list does not jump back meanwhile.
  const [pendingOrder, setPendingOrder] = useState<string[] | null>(null);
  const fields = pendingOrder
    ? [...category.fields].sort((a, b) => pendingOrder.indexOf(a.id) - pendingOrder.indexOf(b.id))
    : category.fields;

  const saveOrder = (next: CategoryListItem["fields"]) => {
    const fieldIds = next.map((field) => field.id);
    setPendingOrder(fieldIds);
    reorder.mutate(
      { categoryId: category.id, fieldIds },
      {
        onSettled: async () => {
          await refresh();
          setPendingOrder(null);
        },
      },
    );
  };

  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>Custom fields of {category.name}</DialogTitle>
          <DialogDescription>
            Asset forms of this category show these fields in this order; required ones must be filled in.
          </DialogDescription>
        </DialogHeader>
        {fields.length === 0 ? (
          <p className="text-muted-foreground text-sm">No custom fields yet.</p>
        ) : (
          <SortableList
            items={fields}
            itemId={(field) => field.id}
            itemLabel={(field) => field.label}
            noun="field"
            label={`Custom fields of ${category.name}`}
            disabled={reorder.isPending}
            onReorder={saveOrder}
            itemProps={(field) => ({
              "data-testid": `field-${field.key}`,
              className: cn(
                "grid gap-2 rounded-md border bg-background p-3",
                field.archivedAt && "opacity-60",
              ),
            })}
          >
            {(field, { handle, moveButtons }) =>
              editing === field.id ? (
                <FieldForm
                  initial={field}
                  submitLabel={`Save ${field.label}`}
                  onCancel={() => setEditing(null)}
                  save={async (values) => {
                    await updateField.mutateAsync({
                      id: field.id,
                      label: values.label,
                      required: values.required,
                      options: field.type === "select" ? values.options : undefined,
                    });
                    setEditing(null);
                  }}
                />
              ) : (
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <div className="flex flex-wrap items-center gap-2 text-sm">
                    {canManage ? handle : null}
                    <span className="font-medium">{field.label}</span>
                    <Badge variant="outline">{typeLabels[field.type]}</Badge>
                    {field.required ? <Badge variant="warning">Required</Badge> : null}
                    {field.archivedAt ? <Badge variant="secondary">Archived</Badge> : null}
                    {field.options.length ? (
                      <span className="text-muted-foreground">{field.options.join(", ")}</span>
                    ) : null}
                  </div>
                  {canManage ? (
                    <div className="flex items-center gap-1">
                      {moveButtons}
                      <Button variant="outline" size="sm" onClick={() => setEditing(field.id)}>
                        Edit<span className="sr-only"> {field.label}</span>
                      </Button>
                      <Button
                        variant="ghost"
                        size="sm"
                        onClick={() =>
                          field.archivedAt
                            ? unarchive.mutate({ id: field.id })
                            : archive.mutate({ id: field.id })
                        }
                      >
                        {field.archivedAt ? "Unarchive" : "Archive"}
                        <span className="sr-only"> {field.label}</span>
                      </Button>
                    </div>
                  ) : null}
                </div>
              )
            }
          </SortableList>
        )}
        {canManage ? (
          <>
            <Separator />
            <h3 className="font-medium text-sm">Add a field</h3>
            <FieldForm
              submitLabel="Add field"
              save={async (values) => {
                await addField.mutateAsync({ categoryId: category.id, ...values });
                notifySuccess("custom-field-added", `${values.label} added to ${category.name}`);
              }}
            />
          </>
        ) : null}
        {/* Fields are optional: a new category is usable without any, so leaving is always one click. */}
        <DialogFooter>
          <Button type="button" variant="outline" onClick={onClose}>
            {canManage && fields.length === 0 ? "Skip for now" : "Done"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
