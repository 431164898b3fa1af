"use client";

import { useMutation } from "@tanstack/react-query";
import { ArrowDown, ArrowUp } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
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
  const reorder = useMutation(api.reorderFields.mutationOptions({ onSuccess, onError }));
  const archive = useMutation(api.archiveField.mutationOptions({ onSuccess, onError }));
  const unarchive = useMutation(api.unarchiveField.mutationOptions({ onSuccess, onError }));
  const fields = category.fields;

  const move = (index: number, by: -1 | 1) => {
    const ids = fields.map((field) => field.id);
    const other = ids[index + by];
    const current = ids[index];
    if (!other || !current) return;
    ids[index + by] = current;
    ids[index] = other;
    reorder.mutate({ categoryId: category.id, fieldIds: ids });
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
          <ol className="grid gap-2" aria-label={`Custom fields of ${category.name}`}>
            {fields.map((field, index) => (
              <li
                key={field.id}
                className={cn("grid gap-2 rounded-md border p-3", field.archivedAt && "opacity-60")}
                data-testid={`field-${field.key}`}
              >
                {editing === field.id ? (
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
                        <Button
                          variant="ghost"
                          size="icon"
                          aria-label={`Move ${field.label} up`}
                          disabled={index === 0 || reorder.isPending}
                          onClick={() => move(index, -1)}
                        >
                          <ArrowUp aria-hidden />
                        </Button>
                        <Button
                          variant="ghost"
                          size="icon"
                          aria-label={`Move ${field.label} down`}
                          disabled={index === fields.length - 1 || reorder.isPending}
                          onClick={() => move(index, 1)}
                        >
                          <ArrowDown aria-hidden />
                        </Button>
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
                )}
              </li>
            ))}
          </ol>
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
