import type { RunsPage } from "../integration-types";

/** Runs shown per page on the integration page (the server prefetches the first page with this). */
export const runsPageSize = 20;
export const nextRunsCursor = (page: RunsPage) => page.nextCursor;
