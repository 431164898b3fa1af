import { Badge } from "@/app/_components/ui/badge";
import type { RequestStatus } from "@/server/portal/requests/schemas";

const looks: Record<
  RequestStatus,
  { label: string; variant: "warning" | "success" | "destructive" | "secondary" }
> = {
  pending: { label: "Waiting for IT", variant: "warning" },
  approved: { label: "Approved", variant: "success" },
  declined: { label: "Declined", variant: "destructive" },
  withdrawn: { label: "Withdrawn", variant: "secondary" },
};

/** A request's status in words, for the employee and IT staff alike. */
export function RequestStatusBadge({ status }: { status: RequestStatus }) {
  const look = looks[status];
  return <Badge variant={look.variant}>{look.label}</Badge>;
}
