import {
  Boxes,
  CalendarClock,
  PackageCheck,
  Receipt,
  ShieldAlert,
  TrendingDown,
  UserCheck,
  Wrench,
} from "lucide-react";
import Link from "next/link";
import { StatCard, type StatCardProps } from "@/app/_components/ui/stat-card";
import { formatCount } from "@/app/_lib/format";
import type { StatusKind } from "@/server/assets/lifecycle";
import { fleetKinds, inServiceKinds, WARRANTY_WINDOW_DAYS } from "@/server/dashboard/fleet";
import type { AssetOverview } from "@/server/dashboard/schemas";
import { formatMoney } from "@/server/money";
import { assetListHref } from "./asset-links";

const percent = new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 0 });
const share = (part: number, whole: number) => (whole > 0 ? percent.format(part / whole) : "—");

/** A figure that opens the asset list showing exactly the assets it counts. */
export function LinkedStat({ href, ...card }: StatCardProps & { href: string }) {
  return (
    <Link
      href={href}
      className="group block rounded-xl focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2"
    >
      <StatCard
        {...card}
        className="h-full transition-colors group-hover:border-primary/40 group-hover:bg-accent/40"
      />
    </Link>
  );
}

/** The morning headline: how many assets, where they are, what needs attention, what they are worth. */
export function AssetCards({ overview, currency }: { overview: AssetOverview; currency: string }) {
  const count = (kind: StatusKind) => overview.byKind.find((entry) => entry.kind === kind)?.count ?? 0;
  const assigned = count("assigned");
  const inRepair = count("in_repair");
  const missing = count("lost") + count("stolen");
  const cost = Number(overview.purchaseCost);
  const book = Number(overview.bookValue);
  return (
    <section aria-label="Assets at a glance" className="grid grid-cols-2 gap-3 sm:gap-4 xl:grid-cols-4">
      <LinkedStat
        href={assetListHref({ kinds: [...fleetKinds] })}
        label="Total assets"
        value={formatCount(overview.total)}
        hint={
          overview.disposed ? `Not counting ${formatCount(overview.disposed)} disposed` : "Everything you own"
        }
        icon={<Boxes aria-hidden />}
      />
      <LinkedStat
        href={assetListHref({ kinds: ["assigned"] })}
        label="Assigned"
        value={formatCount(assigned)}
        hint={`${share(assigned, overview.total)} of the fleet in use`}
        icon={<UserCheck aria-hidden />}
      />
      <LinkedStat
        href={assetListHref({ kinds: ["in_stock"] })}
        label="In stock"
        value={formatCount(count("in_stock"))}
        hint="Ready to hand out"
        icon={<PackageCheck aria-hidden />}
      />
      <LinkedStat
        href={assetListHref({ kinds: ["in_repair"] })}
        label="In repair"
        value={formatCount(inRepair)}
        hint="Away for repair"
        tone={inRepair ? "warning" : "default"}
        icon={<Wrench aria-hidden />}
      />
      <LinkedStat
        href={assetListHref({ kinds: ["lost", "stolen"] })}
        label="Lost or stolen"
        value={formatCount(missing)}
        hint={`${formatCount(count("lost"))} lost, ${formatCount(count("stolen"))} stolen`}
        tone={missing ? "destructive" : "default"}
        icon={<ShieldAlert aria-hidden />}
      />
      <LinkedStat
        href={assetListHref({
          kinds: [...inServiceKinds],
          warrantyDays: WARRANTY_WINDOW_DAYS,
          sort: "warranty_end",
          dir: "asc",
        })}
        label="Warranty ending"
        value={formatCount(overview.warrantyExpiring)}
        hint={`Within ${WARRANTY_WINDOW_DAYS} days, assets in service`}
        tone={overview.warrantyExpiring ? "warning" : "default"}
        icon={<CalendarClock aria-hidden />}
      />
      <StatCard
        label="Purchase cost"
        value={formatMoney(cost, currency, { whole: true })}
        hint="What the fleet cost when bought"
        icon={<Receipt aria-hidden />}
      />
      <StatCard
        label="Book value"
        value={formatMoney(book, currency, { whole: true })}
        hint={`${share(book, cost)} of cost after straight-line depreciation`}
        icon={<TrendingDown aria-hidden />}
      />
    </section>
  );
}
