import { z } from "zod";
import { can } from "../../roles";
import { router, tenantProcedure } from "../../trpc";
import { DEFAULT_EQUIPMENT_TERMS } from "../terms";
import { publishTerms } from "./publish-terms";
import { termsHistory, termsOverview } from "./queries";
import { PublishTermsInput, TermsHistoryInput, TermsOverview, TermsVersion } from "./schemas";

/** The equipment terms employees accept assets under: staff read them, admins publish versions. */
export const termsRouter = router({
  overview: tenantProcedure(can.readTenant)
    .output(TermsOverview)
    .query(async ({ ctx }) => ({
      scopes: await termsOverview(ctx.db, ctx.tenantId),
      builtIn: DEFAULT_EQUIPMENT_TERMS,
    })),
  history: tenantProcedure(can.readTenant)
    .input(TermsHistoryInput)
    .output(z.array(TermsVersion))
    .query(({ ctx, input }) => termsHistory(ctx.db, ctx.tenantId, input.categoryId)),
  publish: tenantProcedure(can.manageTenant)
    .input(PublishTermsInput)
    .output(z.object({ id: z.string(), version: z.number() }))
    .mutation(({ ctx, input }) => publishTerms(ctx, input)),
});
