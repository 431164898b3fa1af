import { Activity, Building2, MapPin, Users } from "lucide-react";
import type { Metadata } from "next";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { PageHeader } from "@/app/_components/ui/page-header";
import { StatCard } from "@/app/_components/ui/stat-card";
import { formatRelative, humanizeEventName } from "@/app/_lib/format";
import { getQueryClient, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { roleLabels, staffRoles, tenantRoles } from "@/server/roles";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requireRole(staffRoles);
  const summary = await getQueryClient().fetchQuery(trpc.dashboard.summary.queryOptions());
  const totalUsers = Object.values(summary.usersByRole).reduce((sum, n) => sum + n, 0);
  const maxRole = Math.max(1, ...Object.values(summary.usersByRole));

  return (
    <div className="grid gap-6">
      <PageHeader
        title="Dashboard"
        description={`Welcome back, ${user.name.split(" ")[0]}. Here is ${user.tenantName} at a glance.`}
      />
      <section aria-label="Totals" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <StatCard
          label="Active users"
          value={totalUsers}
          icon={<Users aria-hidden />}
          hint="People who can sign in"
        />
        <StatCard label="Departments" value={summary.departments} icon={<Building2 aria-hidden />} />
        <StatCard
          label="Locations"
          value={summary.locations}
          icon={<MapPin aria-hidden />}
          hint="Sites, buildings, floors and rooms"
        />
      </section>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Users by role</CardTitle>
            <CardDescription>Active accounts in your organization</CardDescription>
          </CardHeader>
          <CardContent>
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
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Recent activity</CardTitle>
            <CardDescription>The latest changes recorded in the audit trail</CardDescription>
          </CardHeader>
          <CardContent>
            {summary.activity.length === 0 ? (
              <EmptyState
                icon={<Activity aria-hidden />}
                title="No activity yet"
                description="Changes will show up here as they happen."
              />
            ) : (
              <ol className="grid gap-3" aria-label="Recent activity">
                {summary.activity.map((event) => (
                  <li key={event.id} className="flex items-start justify-between gap-4 text-sm">
                    <span>
                      <span className="font-medium">{humanizeEventName(event.name)}</span>
                      {event.actorLabel ? (
                        <span className="block text-xs text-muted-foreground">by {event.actorLabel}</span>
                      ) : null}
                    </span>
                    <time
                      className="shrink-0 text-xs text-muted-foreground"
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
      </div>
    </div>
  );
}
