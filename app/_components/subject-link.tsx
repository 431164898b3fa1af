import Link from "next/link";
import { shortId } from "@/app/_lib/event-data";
import type { EventSubject } from "@/server/audit/schemas";

const linkClass =
  "rounded-sm font-medium underline-offset-4 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring";

/** "asset_model" -> "asset model": the kind of a record, for a record known by nothing else. */
export const subjectKind = (type: string): string => type.replaceAll("_", " ");

/**
 * The record an event is about, as a person knows it ("AST-000123 · MacBook Air", "Emery Ross"),
 * linked to its page when it has one. A record with no name left says its kind and short id.
 */
export function SubjectLink({ subject }: { subject: EventSubject }) {
  if (!subject.label) {
    return (
      <span title={subject.id}>
        {subjectKind(subject.type)} <span className="font-mono">{shortId(subject.id)}</span>
      </span>
    );
  }
  if (!subject.href) return <span className="font-medium">{subject.label}</span>;
  return (
    <Link href={subject.href} className={linkClass}>
      {subject.label}
    </Link>
  );
}
