"use client";

import type { ReactNode } from "react";
import { useReferenceChange } from "../_components/reference-ui";
import { AliasesDialog } from "./aliases-dialog";
import { MergeDialog } from "./merge-dialog";
import { NameDialog } from "./name-dialog";

export type OpenNamed = { kind: "create" } | { kind: "edit" | "aliases" | "merge"; id: string } | null;

type NamedRecord = {
  id: string;
  name: string;
  archivedAt: Date | null;
  aliases: { id: string; alias: string }[];
};

/** The alias and merge procedures organizations and departments share (tRPC client). */
type NamedApi = {
  addAlias: {
    mutate: (input: { entityId: string; alias: string }) => Promise<{ alias: string; entityName: string }>;
  };
  removeAlias: { mutate: (input: { aliasId: string }) => Promise<unknown> };
  merge: { mutate: (input: { survivorId: string; duplicateId: string }) => Promise<unknown> };
};

type NamedEntityDialogsProps<Row extends NamedRecord> = {
  entityType: "organization" | "department";
  open: OpenNamed;
  onClose: () => void;
  records: readonly Row[];
  canManage: boolean;
  api: NamedApi;
  /** Creates (no target) or saves the record the dialog edits. */
  save: (target: Row | undefined, name: string) => Promise<unknown>;
  onUseExisting: (existing: { id: string; name: string }) => void;
  /** What references a duplicate, in words ("Its 3 employees"): it moves on a merge. */
  moves: (duplicate: Row) => string;
  mergedMessage: string;
  /** The edit dialog's title when it is more than a rename. */
  editTitle?: (target: Row) => string;
  /** Fields under the name (a department's organization). */
  children?: ReactNode;
};

/**
 * The dialogs of a named record (organization or department): name it (with the duplicate
 * check), manage its aliases, merge it into another.
 */
export function NamedEntityDialogs<Row extends NamedRecord>({
  entityType,
  open,
  onClose,
  records,
  canManage,
  api,
  save,
  onUseExisting,
  moves,
  mergedMessage,
  editTitle,
  children,
}: NamedEntityDialogsProps<Row>) {
  const change = useReferenceChange();
  const target = open && open.kind !== "create" ? records.find((record) => record.id === open.id) : undefined;
  const addAlias = (entityId: string, alias: string) =>
    change(
      api.addAlias.mutate({ entityId, alias }),
      (added) => `“${added.alias}” is now an alias of ${added.entityName}`,
    );

  if (open?.kind === "create" || (open?.kind === "edit" && target))
    return (
      <NameDialog
        key={target?.id ?? "create"}
        entityType={entityType}
        mode={target ? "rename" : "create"}
        title={target && editTitle ? editTitle(target) : undefined}
        initialName={target?.name}
        onClose={onClose}
        save={(name) => save(target, name)}
        addAlias={addAlias}
        onUseExisting={onUseExisting}
      >
        {children}
      </NameDialog>
    );
  if (open?.kind === "aliases" && target)
    return (
      <AliasesDialog
        entity={target}
        canManage={canManage}
        onClose={onClose}
        add={(alias) => addAlias(target.id, alias)}
        remove={(aliasId) => change(api.removeAlias.mutate({ aliasId }), "Alias removed")}
      />
    );
  if (open?.kind === "merge" && target)
    return (
      <MergeDialog
        duplicate={target}
        candidates={records.filter((record) => record.id !== target.id && !record.archivedAt)}
        moves={moves(target)}
        onClose={onClose}
        merge={(survivorId) =>
          change(api.merge.mutate({ survivorId, duplicateId: target.id }), mergedMessage)
        }
      />
    );
  return null;
}
