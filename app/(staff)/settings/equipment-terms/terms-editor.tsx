"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ChoiceSelect } from "@/app/_components/choice-select";
import { FormDialog } from "@/app/_components/form-dialog";
import { DateTime } from "@/app/_components/time-zone";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { FormField } from "@/app/_components/ui/form-field";
import { Textarea } from "@/app/_components/ui/textarea";
import { mutationMessages } from "@/app/_lib/form-errors";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useTRPC } from "@/app/_trpc/client";
import { TERMS_MAX } from "@/server/portal/terms-admin/schemas";

type Editing = { categoryId: string | null; category: string | null; body: string } | null;

/** The default terms and each category's own, with their current version and who published it. */
export function TermsEditor({ canPublish }: { canPublish: boolean }) {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.portal.terms.overview.queryOptions());
  const categories = useQuery({ ...trpc.portal.requests.categories.queryOptions(), enabled: canPublish });
  const [editing, setEditing] = useState<Editing>(null);
  if (!data) return null;
  const stored = data.scopes.find((scope) => scope.categoryId === null);
  const scopes = stored
    ? data.scopes
    : [{ categoryId: null, category: null, current: null, versions: 0, acceptances: 0 }, ...data.scopes];
  const withOwn = new Set(data.scopes.map((scope) => scope.categoryId));
  const withoutOwn = (categories.data ?? []).filter((category) => !withOwn.has(category.id));
  return (
    <div className="grid gap-4">
      {scopes.map((scope) => {
        const body = scope.current?.body ?? data.builtIn;
        const name = scope.category ? `${scope.category} terms` : "Default terms";
        return (
          <Card key={scope.categoryId ?? "default"}>
            <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-2">
              <div className="grid gap-1">
                <CardTitle>{name}</CardTitle>
                <CardDescription>
                  {scope.category
                    ? `Assets of ${scope.category} are accepted under these instead of the default.`
                    : "Every category without terms of its own."}{" "}
                  {scope.current ? (
                    <>
                      Version {scope.current.version}, published by {scope.current.createdBy} on{" "}
                      <DateTime value={scope.current.createdAt} />. Signed {scope.acceptances}{" "}
                      {scope.acceptances === 1 ? "time" : "times"}.
                    </>
                  ) : (
                    "The built-in text, version 1."
                  )}
                </CardDescription>
              </div>
              {canPublish ? (
                <Button
                  variant="outline"
                  aria-label={`Edit ${name.toLowerCase()}`}
                  onClick={() => setEditing({ categoryId: scope.categoryId, category: scope.category, body })}
                >
                  Edit
                </Button>
              ) : null}
            </CardHeader>
            <CardContent>
              <p className="whitespace-pre-wrap text-sm">{body}</p>
            </CardContent>
          </Card>
        );
      })}
      {canPublish && withoutOwn.length > 0 ? (
        <CategoryTermsPicker
          choices={withoutOwn}
          onPick={(category) =>
            setEditing({
              categoryId: category.id,
              category: category.name,
              body: stored?.current?.body ?? data.builtIn,
            })
          }
        />
      ) : null}
      {editing ? <PublishDialog editing={editing} onClose={() => setEditing(null)} /> : null}
    </div>
  );
}

function CategoryTermsPicker({
  choices,
  onPick,
}: {
  choices: { id: string; name: string }[];
  onPick: (category: { id: string; name: string }) => void;
}) {
  const [categoryId, setCategoryId] = useState("");
  const chosen = choices.find((category) => category.id === categoryId);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Terms for one category</CardTitle>
        <CardDescription>
          Phones or vehicles may need words of their own; start from the default.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-wrap items-end gap-2">
        <FormField label="Category" htmlFor="terms-category" className="w-64">
          <ChoiceSelect
            id="terms-category"
            value={categoryId}
            onChange={setCategoryId}
            placeholder="Choose a category"
            choices={choices.map((category) => ({ value: category.id, label: category.name }))}
          />
        </FormField>
        <Button variant="outline" disabled={!chosen} onClick={() => chosen && onPick(chosen)}>
          Write its terms
        </Button>
      </CardContent>
    </Card>
  );
}

function PublishDialog({ editing, onClose }: { editing: NonNullable<Editing>; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [body, setBody] = useState(editing.body);
  const publish = useMutation(
    trpc.portal.terms.publish.mutationOptions({
      onSuccess: (result) => {
        void queryClient.invalidateQueries(trpc.portal.terms.pathFilter());
        notifySuccess(
          "terms-published",
          `${editing.category ? `${editing.category} terms` : "Default terms"}: version ${result.version} published`,
        );
        onClose();
      },
    }),
  );
  const errors = mutationMessages(publish.error, ["body"]);
  return (
    <FormDialog
      title={editing.category ? `Terms for ${editing.category}` : "Default equipment terms"}
      description="Publishing makes a new version: receipts signed from now on use it; earlier receipts keep theirs."
      submitLabel="Publish new version"
      pending={publish.isPending}
      error={errors.form}
      onClose={onClose}
      onSubmit={() => publish.mutate({ categoryId: editing.categoryId, body })}
    >
      <FormField label="Terms" htmlFor="terms-body" required error={errors.field("body")}>
        <Textarea
          id="terms-body"
          rows={10}
          limit={TERMS_MAX}
          value={body}
          onChange={(event) => setBody(event.target.value)}
        />
      </FormField>
    </FormDialog>
  );
}
