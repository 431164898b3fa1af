import { importProblemsRoute } from "@/server/assets/import/services/export-import-problems";

export const dynamic = "force-dynamic";

/** GET /api/assets/import/<id>/problems -> an asset import's row problems as CSV. */
export const GET = importProblemsRoute("assets");
