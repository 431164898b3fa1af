const HELD_PAGE_SIZE = 25;

/** Shared by the page's prefetch and the table, so both ask for the same page of held assets. */
export const heldAssetsInput = (employeeId: string, page: number) => ({
  employeeId,
  sort: "tag" as const,
  dir: "asc" as const,
  page,
  pageSize: HELD_PAGE_SIZE,
});
