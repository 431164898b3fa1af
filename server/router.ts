import { accountsRouter } from "./accounts/router";
import { assetsRouter } from "./assets/router";
import { auditRouter } from "./audit/router";
import { automationRouter } from "./automation/router";
import { dashboardRouter } from "./dashboard/router";
import { employeesRouter } from "./employees/router";
import { platformRouter } from "./platform/router";
import { referenceRouter } from "./reference/router";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  accounts: accountsRouter,
  assets: assetsRouter,
  audit: auditRouter,
  automation: automationRouter,
  dashboard: dashboardRouter,
  employees: employeesRouter,
  reference: referenceRouter,
  platform: platformRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
