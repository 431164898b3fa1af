import { accountsRouter } from "./accounts/router";
import { agentRouter } from "./agent/router";
import { assetsRouter } from "./assets/router";
import { auditRouter } from "./audit/router";
import { automationRouter } from "./automation/router";
import { dashboardRouter } from "./dashboard/router";
import { employeesRouter } from "./employees/router";
import { filesRouter } from "./files/router";
import { integrationsRouter } from "./integrations/router";
import { licensesRouter } from "./licenses/router";
import { notificationsRouter } from "./notifications/router";
import { platformRouter } from "./platform/router";
import { portalRouter } from "./portal/router";
import { referenceRouter } from "./reference/router";
import { tenantsRouter } from "./tenants/router";
import { createCallerFactory, router } from "./trpc";
import { workflowsRouter } from "./workflows/router";

export const appRouter = router({
  accounts: accountsRouter,
  agent: agentRouter,
  assets: assetsRouter,
  audit: auditRouter,
  automation: automationRouter,
  dashboard: dashboardRouter,
  employees: employeesRouter,
  files: filesRouter,
  integrations: integrationsRouter,
  licenses: licensesRouter,
  notifications: notificationsRouter,
  portal: portalRouter,
  reference: referenceRouter,
  tenants: tenantsRouter,
  workflows: workflowsRouter,
  platform: platformRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
