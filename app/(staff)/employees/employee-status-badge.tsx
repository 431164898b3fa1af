import { Badge } from "@/app/_components/ui/badge";
import { type EmployeeStatus, employeeStatuses } from "@/server/employees/schemas";
import { employeeStatusLabels } from "./list-params";

const variants = { active: "success", on_leave: "warning", terminated: "secondary" } as const;

export function EmployeeStatusBadge({ status }: { status: string }) {
  const known = employeeStatuses.find((value): value is EmployeeStatus => value === status);
  return (
    <Badge variant={known ? variants[known] : "outline"}>
      {known ? employeeStatusLabels[known] : status}
    </Badge>
  );
}
