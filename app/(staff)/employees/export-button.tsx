import { Download } from "lucide-react";
import { buttonVariants } from "@/app/_components/ui/button";
import { type EmployeeListView, paramsFromEmployeeView } from "./list-params";

/**
 * Downloads the employees the list's filters select as CSV (every page, not only this one), streamed
 * by /api/employees/export. Personal fields are never in it.
 */
export function ExportEmployeesButton({ view }: { view: EmployeeListView }) {
  const query = paramsFromEmployeeView({ ...view, page: 1 }).toString();
  return (
    <a
      href={`/api/employees/export${query ? `?${query}` : ""}`}
      className={buttonVariants({ variant: "outline" })}
      download
    >
      <Download aria-hidden /> Export CSV
    </a>
  );
}
