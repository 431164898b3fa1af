import { Activity, PackagePlus, Plus, Upload } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { SubjectLink } from "@/app/_components/subject-link";
import { buttonVariants } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { PageHeader } from "@/app/_components/ui/page-header";
import { formatCount, formatRelative, humanizeEventName } from "@/app/_lib/format";
import { getQueryClient, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import type { DashboardSummary } from "@/server/dashboard/schemas";
import { can, hasRole, roleLabels, staffRoles, tenantRoles } from "@/server/roles";
import { ActivityChart } from "./activity-chart";
import { AgentCards } from "./agent-cards";
import { AssetCards } from "./asset-cards";
import { AssetsByCategoryChart, AssetsByStatusChart } from "./fleet-charts";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requireRole(staffRoles);
  const queryClient = getQueryClient();
  const [summary, overview, activity, settings, agent] = await Promise.all([
    queryClient.fetchQuery(trpc.dashboard.summary.queryOptions()),
    queryClient.fetchQuery(trpc.dashboard.assets.queryOptions()),
    queryClient.fetchQuery(trpc.dashboard.activity.queryOptions()),
    queryClient.fetchQuery(trpc.tenants.settings.queryOptions()),
    queryClient.fetchQuery(trpc.dashboard.agent.queryOptions()),
  ]);

  const firstName = user.name.split(" ")[0];
  const empty = overview.total + overview.disposed === 0;
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Dashboard"
        description={
          summary.returning
            ? `Welcome back, ${firstName}. Here is ${user.tenantName} at a glance.`
            : `Welcome, ${firstName}. Here is ${user.tenantName} at a glance.`
        }
      />
      {empty ? (
        <FirstSteps canAdd={hasRole(user.role, can.manageAssets)} />
      ) : (
        <AssetCards overview={overview} currency={settings.currency} />
      )}
      <AgentCards checkIns={agent} canReview={hasRole(user.role, can.manageAssets)} />
      <div className="grid gap-4 lg:grid-cols-2">
        <AssetsByStatusChart overview={overview} />
        <AssetsByCategoryChart overview={overview} />
      </div>
      <ActivityChart weeks={activity} />
      <div className="grid gap-4 lg:grid-cols-2">
        <RecentActivity activity={summary.activity} />
        <People summary={summary} />
      </div>
    </div>
  );
}

/** A new organization's first screen: where its assets come from, instead of eight zeros. */
function FirstSteps({ canAdd }: { canAdd: boolean }) {
  return (
    <EmptyState
      icon={<PackagePlus aria-hidden />}
      title="No assets yet"
      description={
        canAdd
          ? "Add your assets one by one, or bring in a spreadsheet of them all at once."
          : "Assets will show up here once IT staff add or import them."
      }
      action={
        canAdd ? (
          <div className="flex flex-wrap justify-center gap-2">
            <Link href="/assets/new" className={buttonVariants()}>
              <Plus aria-hidden /> Add your first asset
            </Link>
            <Link href="/assets/import" className={buttonVariants({ variant: "outline" })}>
              <Upload aria-hidden /> Import from CSV
            </Link>
          </div>
        ) : null
      }
    />
  );
}

function RecentActivity({ activity }: { activity: DashboardSummary["activity"] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Recent activity</CardTitle>
        <CardDescription>The latest changes recorded in the audit trail</CardDescription>
      </CardHeader>
      <CardContent>
        {activity.length === 0 ? (
          <EmptyState
            icon={<Activity aria-hidden />}
            title="No activity yet"
            description="Changes will show up here as they happen."
          />
        ) : (
          <ol className="grid gap-3" aria-label="Recent activity">
            {activity.map((event) => (
              <li key={event.id} className="flex items-start justify-between gap-4 text-sm">
                <span>
                  <span>{humanizeEventName(event.name)}</span>{" "}
                  {event.subject.label ? <SubjectLink subject={event.subject} /> : null}
                  {event.actorLabel ? (
                    <span className="block text-muted-foreground text-xs">by {event.actorLabel}</span>
                  ) : null}
                </span>
                <time
                  className="shrink-0 text-muted-foreground text-xs"
                  dateTime={event.occurredAt.toISOString()}
                >
                  {formatRelative(event.occurredAt)}
                </time>
              </li>
            ))}
          </ol>
        )}
      </CardContent>
    </Card>
  );
}

/** Who can sign in, by role, with the organization's size beside it. */
function People({ summary }: { summary: DashboardSummary }) {
  const totalUsers = Object.values(summary.usersByRole).reduce((sum, n) => sum + n, 0);
  const maxRole = Math.max(1, ...Object.values(summary.usersByRole));
  return (
    <Card>
      <CardHeader>
        <CardTitle>Users by role</CardTitle>
        <CardDescription>Active accounts in your organization</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        <ul className="grid gap-3" aria-label="Users by role">
          {tenantRoles.map((role) => {
            const count = summary.usersByRole[role] ?? 0;
            return (
              <li key={role} className="grid grid-cols-[7rem_1fr_2rem] items-center gap-3 text-sm">
                <span>{roleLabels[role]}</span>
                <span className="h-2.5 overflow-hidden rounded-full bg-muted" aria-hidden>
                  <span
                    className="block h-full rounded-full bg-chart-1"
                    style={{ width: `${(count / maxRole) * 100}%` }}
                  />
                </span>
                <span className="text-right tabular-nums">{count}</span>
              </li>
            );
          })}
        </ul>
        <dl className="grid grid-cols-3 gap-4 border-t pt-4 text-sm">
          <Figure label="Active users" value={totalUsers} />
          <Figure label="Departments" value={summary.departments} />
          <Figure label="Locations" value={summary.locations} />
        </dl>
      </CardContent>
    </Card>
  );
}

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <div className="grid gap-0.5">
      <dt className="text-muted-foreground text-xs">{label}</dt>
      <dd className="font-semibold text-lg tabular-nums">{formatCount(value)}</dd>
    </div>
  );
}
