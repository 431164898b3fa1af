import type { TenantScope } from "@/server/context";
import { assignLicense } from "@/server/licenses/services/assign-license";
import { createLicense } from "@/server/licenses/services/create-license";
import { addDays, addMonths, type Day } from "./days";
import type { DepartmentName, EmployeePlan } from "./people";

/** One of Acme's software subscriptions, and who in which departments holds its seats. */
export type LicenseSeed = {
  name: string;
  vendor: string;
  /** Null: unlimited seats (a per-user plan billed for whoever uses it). */
  seats: number | null;
  costPerSeat: number;
  purchasedMonthsAgo: number;
  /** Days from the seed's day to its renewal; null when it does not expire. */
  expiresInDays: number | null;
  holders: { departments: readonly DepartmentName[]; count: number };
};

/**
 * Acme's software: seats held by the departments that use them, so the licences page, a person's
 * licence card and an offboarding's "Revoke" steps have something to show. Every one is at least
 * half used and renews more than 30 days out: a fresh demo starts no expiry or under-use notice.
 */
export const demoLicenses: readonly LicenseSeed[] = [
  {
    name: "JetBrains All Products Pack",
    vendor: "JetBrains",
    seats: 60,
    costPerSeat: 28.9,
    purchasedMonthsAgo: 14,
    expiresInDays: 220,
    holders: { departments: ["Engineering"], count: 45 },
  },
  {
    name: "Figma Professional",
    vendor: "Figma",
    seats: 20,
    costPerSeat: 15,
    purchasedMonthsAgo: 9,
    expiresInDays: 95,
    holders: { departments: ["Marketing", "Engineering"], count: 14 },
  },
  {
    name: "Adobe Creative Cloud",
    vendor: "Adobe",
    seats: 12,
    costPerSeat: 89.99,
    purchasedMonthsAgo: 20,
    expiresInDays: 160,
    holders: { departments: ["Marketing"], count: 9 },
  },
  {
    name: "Salesforce Sales Cloud",
    vendor: "Salesforce",
    seats: 40,
    costPerSeat: 165,
    purchasedMonthsAgo: 26,
    expiresInDays: 300,
    holders: { departments: ["Sales"], count: 32 },
  },
  {
    name: "1Password Business",
    vendor: "1Password",
    seats: null,
    costPerSeat: 7.99,
    purchasedMonthsAgo: 30,
    expiresInDays: null,
    holders: { departments: ["IT Department", "Finance", "Human Resources", "Operations"], count: 40 },
  },
];

/** The seed's holders of a licence: active people of its departments, in employee-number order. */
export function holdersOf(seed: LicenseSeed, employees: readonly EmployeePlan[]): EmployeePlan[] {
  return employees
    .filter(
      (person) => person.status !== "terminated" && seed.holders.departments.includes(person.department),
    )
    .sort((a, b) => a.number.localeCompare(b.number))
    .slice(0, seed.holders.count);
}

/**
 * Creates the licences and their seats through the licence services (their events, in the audit
 * log and in each holder's history). Returns how many seats were given.
 */
export async function insertLicenses(
  scope: TenantScope,
  employees: readonly EmployeePlan[],
  today: Day,
): Promise<{ licenses: number; seats: number }> {
  let seats = 0;
  for (const seed of demoLicenses) {
    const license = await createLicense(scope, {
      name: seed.name,
      vendor: seed.vendor,
      seats: seed.seats,
      costPerSeat: seed.costPerSeat,
      purchasedOn: addMonths(today, -seed.purchasedMonthsAgo),
      expiresOn: seed.expiresInDays === null ? null : addDays(today, seed.expiresInDays),
    });
    for (const person of holdersOf(seed, employees)) {
      await assignLicense(scope, { licenseId: license.id, employeeId: person.id });
      seats++;
    }
  }
  return { licenses: demoLicenses.length, seats };
}
