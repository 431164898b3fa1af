import { z } from "zod";
import { can } from "../../roles";
import { router, tenantProcedure } from "../../trpc";
import { ArchiveResult, IdInput, ListInput, NamedRef } from "../schemas";
import { listLocations, locationTree } from "./queries";
import {
  CreateLocationInput,
  DeleteLocationInput,
  DeleteLocationResult,
  LocationListItem,
  LocationTreeNode,
  MoveLocationInput,
  UpdateLocationInput,
} from "./schemas";
import { createLocation } from "./services/create-location";
import { deleteLocation } from "./services/delete-location";
import { moveLocation } from "./services/move-location";
import { setLocationArchived } from "./services/set-location-archived";
import { updateLocation } from "./services/update-location";

const read = tenantProcedure(can.readTenant);
const manage = tenantProcedure(can.manageAssets);

export const locationsProcedure = read
  .input(ListInput)
  .output(z.array(LocationListItem))
  .query(({ ctx, input }) => listLocations(ctx.db, ctx.tenantId, input));

/** Depth-first nodes with depth, ancestor names and what each holds (asset, employee, child counts). */
export const locationTreeProcedure = read
  .input(ListInput)
  .output(z.array(LocationTreeNode))
  .query(({ ctx, input }) => locationTree(ctx.db, ctx.tenantId, input));

export const locationRouter = router({
  create: manage
    .input(CreateLocationInput)
    .output(NamedRef)
    .mutation(({ ctx, input }) => createLocation(ctx, input)),
  update: manage
    .input(UpdateLocationInput)
    .output(NamedRef)
    .mutation(({ ctx, input }) => updateLocation(ctx, input)),
  move: manage
    .input(MoveLocationInput)
    .output(NamedRef)
    .mutation(({ ctx, input }) => moveLocation(ctx, input)),
  delete: manage
    .input(DeleteLocationInput)
    .output(DeleteLocationResult)
    .mutation(({ ctx, input }) => deleteLocation(ctx, input)),
  archive: manage
    .input(IdInput)
    .output(ArchiveResult)
    .mutation(({ ctx, input }) => setLocationArchived(ctx, input, true)),
  unarchive: manage
    .input(IdInput)
    .output(ArchiveResult)
    .mutation(({ ctx, input }) => setLocationArchived(ctx, input, false)),
});
