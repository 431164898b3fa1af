import { can } from "../roles";
import { tenantProcedure } from "../trpc";
import { ArchiveResult, IdInput } from "./schemas";
import { type SingleArchivable, setArchived } from "./services/set-archived";

/** `archive` and `unarchive` for a reference table, spread into its sub-router. */
export const archiveProcedures = (table: SingleArchivable) => ({
  archive: tenantProcedure(can.manageAssets)
    .input(IdInput)
    .output(ArchiveResult)
    .mutation(({ ctx, input }) => setArchived(ctx, table, input, true)),
  unarchive: tenantProcedure(can.manageAssets)
    .input(IdInput)
    .output(ArchiveResult)
    .mutation(({ ctx, input }) => setArchived(ctx, table, input, false)),
});
