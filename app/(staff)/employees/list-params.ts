import { z } from "zod";
import {
  type EmployeeSort,
  type EmployeeStatus,
  employeeListViews,
  employeeSorts,
  employeeStatuses,
} from "@/server/employees/schemas";

/**
 * The employee list's view in the URL:
 * `/employees?q=jane&status=active&view=hired_recently&manager=<id>&sort=hireDate&dir=desc&page=2`.
 */

export const employeeStatusLabels: Record<EmployeeStatus, string> = {
  active: "Active",
  on_leave: "On leave",
  terminated: "Left",
};

export const employeeViewLabels: Record<(typeof employeeListViews)[number], string> = {
  terminated_with_assets: "Left with assets not returned",
  hired_recently: "Hired in the last 30 days",
};

export type EmployeeListView = {
  q?: string;
  status?: EmployeeStatus;
  view?: (typeof employeeListViews)[number];
  departmentId?: string;
  locationId?: string;
  managerId?: string;
  sort: EmployeeSort;
  direction: "asc" | "desc";
  page: number;
};
export const EMPLOYEE_PAGE_SIZE = 50;

const uuidParam = (value: string | null) => (value && z.uuid().safeParse(value).success ? value : undefined);

export function employeeViewFromParams(params: URLSearchParams): EmployeeListView {
  const page = Number.parseInt(params.get("page") ?? "", 10);
  const q = params.get("q")?.trim().slice(0, 120);
  return {
    q: q || undefined,
    status: employeeStatuses.find((status) => status === params.get("status")),
    view: employeeListViews.find((view) => view === params.get("view")),
    departmentId: uuidParam(params.get("department")),
    locationId: uuidParam(params.get("location")),
    managerId: uuidParam(params.get("manager")),
    sort: employeeSorts.find((sort) => sort === params.get("sort")) ?? "name",
    direction: params.get("dir") === "desc" ? "desc" : "asc",
    page: Number.isFinite(page) && page >= 1 ? page : 1,
  };
}

export function paramsFromEmployeeView(view: EmployeeListView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.q) params.set("q", view.q);
  if (view.status) params.set("status", view.status);
  if (view.view) params.set("view", view.view);
  if (view.departmentId) params.set("department", view.departmentId);
  if (view.locationId) params.set("location", view.locationId);
  if (view.managerId) params.set("manager", view.managerId);
  if (view.sort !== "name") params.set("sort", view.sort);
  if (view.direction === "desc") params.set("dir", "desc");
  if (view.page > 1) params.set("page", String(view.page));
  return params;
}

/** Whether anything narrows the list (the empty state then says "no one matches"). */
export const isFiltered = (view: EmployeeListView) =>
  Boolean(view.q || view.status || view.view || view.departmentId || view.locationId || view.managerId);

export const employeeListInput = (view: EmployeeListView) => ({
  q: view.q,
  status: view.status,
  view: view.view,
  departmentId: view.departmentId,
  locationId: view.locationId,
  managerId: view.managerId,
  sort: view.sort,
  direction: view.direction,
  page: view.page,
  pageSize: EMPLOYEE_PAGE_SIZE,
});
