import { planAssets } from "./assets";
import type { Day } from "./days";
import { planEmployees } from "./people";
import { withPersonalData } from "./personal-data";
import { createRandom } from "./random";

/** The demo company is generated from this seed: the same people and assets every time. */
export const DEMO_RANDOM_SEED = 20_240_601;

/**
 * Acme's people and assets, planned from the seeded generator. Dates are offsets from `today`, so
 * recent hires and warranties ending within 30/60/90 days stay recent whenever the demo is seeded.
 */
export function planDemo(today: Day) {
  const random = createRandom(DEMO_RANDOM_SEED);
  const employees = planEmployees(random, today);
  const assets = planAssets(random, today, employees);
  return { employees: withPersonalData(employees, createRandom(DEMO_RANDOM_SEED + 1), today), assets };
}
