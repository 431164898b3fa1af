import { changesOf, formatValue, humanizeField, otherValuesOf } from "@/app/_lib/event-data";

/** One event's recorded data behind a disclosure: before/after changes first, then the rest. */
export function EventDetails({ data }: { data: Record<string, unknown> }) {
  const changes = changesOf(data);
  const others = otherValuesOf(data);
  if (!changes && others.length === 0) return <span className="text-muted-foreground">—</span>;
  const summary = changes
    ? `Changed ${changes.map((change) => humanizeField(change.field).toLowerCase()).join(", ")}`
    : others.map(([key, value]) => `${humanizeField(key)}: ${formatValue(value)}`).join(" · ");

  return (
    <details className="max-w-xs xl:max-w-sm">
      <summary className="cursor-pointer truncate rounded-sm text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring">
        {summary}
      </summary>
      <div className="mt-2 grid gap-3 text-sm">
        {changes ? (
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
            {changes.map((change) => (
              <div key={change.field} className="contents">
                <dt className="font-medium">{humanizeField(change.field)}</dt>
                <dd className="break-all">
                  <span className="text-muted-foreground">{formatValue(change.before)}</span>
                  <span aria-hidden> → </span>
                  <span className="sr-only"> changed to </span>
                  <span>{formatValue(change.after)}</span>
                </dd>
              </div>
            ))}
          </dl>
        ) : null}
        {others.length > 0 ? (
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
            {others.map(([key, value]) => (
              <div key={key} className="contents">
                <dt className="font-medium">{humanizeField(key)}</dt>
                <dd className="break-all">{formatValue(value)}</dd>
              </div>
            ))}
          </dl>
        ) : null}
      </div>
    </details>
  );
}
