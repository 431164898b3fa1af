/** The employee list's view in the URL: `/employees?q=jane&status=active&page=2`. */
export const employeeStatuses = ["active", "on_leave", "terminated"] as const;
export type EmployeeStatus = (typeof employeeStatuses)[number];

export const employeeStatusLabels: Record<EmployeeStatus, string> = {
  active: "Active",
  on_leave: "On leave",
  terminated: "Left",
};

export type EmployeeListView = { q?: string; status?: EmployeeStatus; page: number };
export const EMPLOYEE_PAGE_SIZE = 50;

export function employeeViewFromParams(params: URLSearchParams): EmployeeListView {
  const page = Number.parseInt(params.get("page") ?? "", 10);
  const q = params.get("q")?.trim().slice(0, 120);
  return {
    q: q || undefined,
    status: employeeStatuses.find((status) => status === params.get("status")),
    page: Number.isFinite(page) && page >= 1 ? page : 1,
  };
}

export function paramsFromEmployeeView(view: EmployeeListView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.q) params.set("q", view.q);
  if (view.status) params.set("status", view.status);
  if (view.page > 1) params.set("page", String(view.page));
  return params;
}

export const employeeListInput = (view: EmployeeListView) => ({
  q: view.q,
  status: view.status,
  page: view.page,
  pageSize: EMPLOYEE_PAGE_SIZE,
});
