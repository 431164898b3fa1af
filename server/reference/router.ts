import { router } from "../trpc";
import {
  categoriesProcedure,
  categoryFieldsProcedure,
  categoryRouter,
  manufacturerRouter,
  manufacturersProcedure,
  modelRouter,
  modelsProcedure,
} from "./catalog/router";
import { locationRouter, locationsProcedure, locationTreeProcedure } from "./locations/router";
import {
  departmentRouter,
  departmentsProcedure,
  matchProcedure,
  organizationRouter,
  organizationsProcedure,
} from "./names/router";
import { statusesProcedure, statusRouter } from "./statuses/router";

/**
 * Reference data. Plural names are list queries (readable by every staff role, archived rows only
 * with `includeArchived`); singular names group the changes, open to admins and IT staff.
 */
export const referenceRouter = router({
  match: matchProcedure,
  organizations: organizationsProcedure,
  organization: organizationRouter,
  departments: departmentsProcedure,
  department: departmentRouter,
  categories: categoriesProcedure,
  categoryFields: categoryFieldsProcedure,
  category: categoryRouter,
  manufacturers: manufacturersProcedure,
  manufacturer: manufacturerRouter,
  models: modelsProcedure,
  model: modelRouter,
  statuses: statusesProcedure,
  status: statusRouter,
  locations: locationsProcedure,
  locationTree: locationTreeProcedure,
  location: locationRouter,
});
