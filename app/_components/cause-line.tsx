import Link from "next/link";
import { humanizeEventName } from "@/app/_lib/format";
import type { AuditEntry } from "@/server/audit/schemas";
import { DateTime } from "./time-zone";

/** "asset.created" -> "Created", "asset.status_changed" -> "Status changed": what happened, without the record. */
function actionOf(eventName: string): string {
  const action = (eventName.split(".")[1] ?? eventName).replaceAll("_", " ");
  return action.charAt(0).toUpperCase() + action.slice(1);
}

/** Who made a caused change: automation (named by its function when the app still serves it), or the actor. */
function agentOf(entry: Pick<AuditEntry, "actor" | "cause">): string {
  if (entry.actor.type === "system") {
    return entry.cause?.functionName ? `automation (${entry.cause.functionName})` : "automation";
  }
  return entry.actor.label ?? entry.actor.id ?? "the system";
}

/**
 * Why an entry happened, in one line: "Created by automation (Import assets from CSV), because
 * Asset import confirmed by Dana <dana@…> at Dec 5, 2026, 10:02 AM", with a link to the whole chain
 * for those who may open it. Nothing for an entry nobody caused (a person's own request).
 */
export function CauseLine({ entry }: { entry: Pick<AuditEntry, "id" | "name" | "actor" | "cause"> }) {
  const { cause } = entry;
  if (!cause) return null;
  return (
    <p className="text-xs text-muted-foreground">
      {actionOf(entry.name)} by {agentOf(entry)}, because{" "}
      {cause.event ? (
        <>
          <span className="font-medium text-foreground">{humanizeEventName(cause.event.name)}</span> by{" "}
          {cause.event.actor.label ?? cause.event.actor.id ?? "the system"} at{" "}
          <DateTime value={cause.event.occurredAt} />
        </>
      ) : (
        "of an earlier change recorded in the audit log"
      )}
      {cause.canOpenChain ? (
        <>
          {" · "}
          <Link
            href={`/audit/chain/${entry.id}`}
            className="rounded-sm font-medium text-primary underline-offset-4 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring"
            aria-label={`Why? Show the chain of ${humanizeEventName(entry.name).toLowerCase()}`}
          >
            Why?
          </Link>
        </>
      ) : null}
    </p>
  );
}
