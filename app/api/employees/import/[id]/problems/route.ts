import { importProblemsRoute } from "@/server/assets/import/services/export-import-problems";

export const dynamic = "force-dynamic";

/** GET /api/employees/import/<id>/problems -> an employee import's row problems as CSV. */
export const GET = importProblemsRoute("employees");
