import Link from "next/link";
import type { ReactNode } from "react";
import { useTimeZone } from "@/app/_components/time-zone";
import { Badge } from "@/app/_components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { daysUntil, formatDay } from "@/app/_lib/format";
import { useCurrency } from "@/app/_lib/use-currency";
import { formatMoney } from "@/server/money";
import type { AssetDetail } from "../asset-types";

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "in 42 days", "in 3 months", "2 years ago" for a number of days from today. */
function inDays(days: number): string {
  if (Math.abs(days) < 60) return relative.format(days, "day");
  if (Math.abs(days) < 730) return relative.format(Math.round(days / 30.44), "month");
  return relative.format(Math.round(days / 365.25), "year");
}

function Facts({ rows }: { rows: Array<[string, ReactNode]> }) {
  return (
    <dl className="grid grid-cols-[minmax(7rem,auto)_1fr] gap-x-4 gap-y-2 text-sm">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-muted-foreground">{term}</dt>
          <dd className="min-w-0 break-words">{value ?? "—"}</dd>
        </div>
      ))}
    </dl>
  );
}

const customValue = (type: string, value: unknown): ReactNode => {
  if (value === null || value === undefined || value === "") return "—";
  if (type === "checkbox") return value === true ? "Yes" : "No";
  if (type === "date" && typeof value === "string") return formatDay(value);
  return String(value);
};

export function DetailsCard({ asset }: { asset: AssetDetail }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Details</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-6">
        <Facts
          rows={[
            [
              "Tag",
              <span key="tag" className="font-mono">
                {asset.tag}
              </span>,
            ],
            [
              "Serial",
              asset.serial ? (
                <span key="serial" className="font-mono">
                  {asset.serial}
                </span>
              ) : null,
            ],
            ["Category", asset.category.name],
            ["Model", asset.model ? `${asset.model.manufacturer} ${asset.model.name}`.trim() : null],
            ["Location", asset.location?.name ?? null],
            ["Vendor", asset.vendor],
            ["Order number", asset.orderNumber],
            ["Purchased", asset.purchaseDate ? formatDay(asset.purchaseDate) : null],
            ["End of life", asset.endOfLife ? formatDay(asset.endOfLife) : null],
            ["Last maintenance", asset.lastMaintenanceAt ? formatDay(asset.lastMaintenanceAt) : null],
            [
              "Notes",
              asset.notes ? (
                <span key="notes" className="whitespace-pre-line">
                  {asset.notes}
                </span>
              ) : null,
            ],
          ]}
        />
        {asset.customFieldDefinitions.length ? (
          <section aria-labelledby="custom-fields-heading" className="grid gap-3">
            <h3 id="custom-fields-heading" className="text-sm font-medium">
              {asset.category.name} fields
            </h3>
            <Facts
              rows={asset.customFieldDefinitions.map((field) => [
                field.label,
                customValue(field.type, asset.customFields[field.key]),
              ])}
            />
          </section>
        ) : null}
      </CardContent>
    </Card>
  );
}

export function HolderCard({ asset }: { asset: AssetDetail }) {
  const timeZone = useTimeZone();
  const due = asset.expectedReturnAt ? daysUntil(asset.expectedReturnAt, timeZone) : null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Current holder</CardTitle>
        {asset.employee ? null : <CardDescription>Nobody holds this asset.</CardDescription>}
      </CardHeader>
      {asset.employee ? (
        <CardContent className="grid gap-1 text-sm">
          <Link
            href={`/employees/${asset.employee.id}`}
            className="font-medium underline-offset-4 hover:underline"
          >
            {asset.employee.name}
          </Link>
          {asset.employee.email ? (
            <span className="text-muted-foreground">{asset.employee.email}</span>
          ) : null}
          {asset.expectedReturnAt && due !== null ? (
            <span>
              Expected back {formatDay(asset.expectedReturnAt)}{" "}
              {due < 0 ? (
                <Badge variant="destructive">overdue</Badge>
              ) : (
                <span className="text-muted-foreground">({inDays(due)})</span>
              )}
            </span>
          ) : null}
        </CardContent>
      ) : null}
    </Card>
  );
}

export function ValueCard({ asset }: { asset: AssetDetail }) {
  const currency = useCurrency();
  const cost = asset.cost === null ? null : Number(asset.cost);
  const share = cost && asset.bookValue !== null ? Math.round((asset.bookValue / cost) * 100) : null;
  const timeZone = useTimeZone();
  const warrantyDays = asset.warrantyEnd ? daysUntil(asset.warrantyEnd, timeZone) : null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Value and warranty</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4 text-sm">
        <Facts
          rows={[
            ["Cost", cost === null ? null : formatMoney(cost, currency)],
            [
              "Book value",
              asset.bookValue === null ? null : (
                <span key="book-value">
                  {formatMoney(asset.bookValue, currency)}
                  {share !== null ? <span className="text-muted-foreground"> ({share}% of cost)</span> : null}
                </span>
              ),
            ],
            [
              "Depreciation",
              asset.category.depreciationMonths
                ? `Straight line over ${asset.category.depreciationMonths} months`
                : "None for this category",
            ],
            [
              "Warranty",
              asset.warrantyEnd && warrantyDays !== null ? (
                <span key="warranty">
                  {formatDay(asset.warrantyEnd)}{" "}
                  {warrantyDays < 0 ? (
                    <Badge variant="secondary">ended {inDays(warrantyDays)}</Badge>
                  ) : (
                    <Badge variant={warrantyDays <= 30 ? "warning" : "outline"}>
                      {warrantyDays === 0 ? "ends today" : `ends ${inDays(warrantyDays)}`}
                    </Badge>
                  )}
                </span>
              ) : null,
            ],
          ]}
        />
        {share !== null ? (
          <meter
            className="h-2 w-full"
            aria-label="Book value as a share of cost"
            min={0}
            max={100}
            low={25}
            value={share}
          >
            {share}% of cost
          </meter>
        ) : null}
      </CardContent>
    </Card>
  );
}
