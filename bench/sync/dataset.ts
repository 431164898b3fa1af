import type { FakePerson } from "../../tests/fakes/hris/core";

/**
 * A company of `count` people for the sync benchmark, the same for every provider (only the id
 * format differs): seven departments (one spelled "IT Dept" while the tenant has "IT Department"),
 * four locations, teams of ten reporting to their first member (who reports to person 1), and
 * every person's manager listed AFTER them in id order for a tenth of the company, so late
 * managers are linked at the end of the run, not in page order.
 */
const DEPARTMENTS = [
  "Engineering",
  "IT Dept",
  "Finance",
  "Human Resources",
  "Sales",
  "Marketing",
  "Operations",
];
const LOCATIONS = ["Floor 3", "Floor 4", "Ground Floor", "Remote"];
const TITLES = ["Analyst", "Engineer", "Specialist", "Coordinator", "Manager"];

export function benchPeople(count: number, idFor: (n: number) => string): FakePerson[] {
  const stamp = "2026-01-01T00:00:00.000Z";
  return Array.from({ length: count }, (_, index) => {
    const n = index + 1;
    const lead = n - ((n - 1) % 10);
    // A tenth of the teams are led by the team's last member, listed after the reports.
    const lateLead = Math.min(lead + 9, count);
    const managerOf = n === 1 ? null : n === lead ? 1 : lead % 100 === 1 && lateLead !== n ? lateLead : lead;
    return {
      id: idFor(n),
      employeeNumber: `B-${String(n).padStart(6, "0")}`,
      firstName: `Bench${n}`,
      lastName: `Person${n % 997}`,
      workEmail: `bench.${n}@sync.bench`,
      personalEmail: null,
      phone: null,
      title: TITLES[n % TITLES.length] ?? null,
      department: DEPARTMENTS[Math.floor((n - 1) / 10) % DEPARTMENTS.length] ?? null,
      division: "Acme Corp",
      location: LOCATIONS[n % LOCATIONS.length] ?? null,
      managerId: managerOf === null ? null : idFor(managerOf),
      hireDate: `20${String(15 + (n % 10)).padStart(2, "0")}-0${1 + (n % 9)}-1${n % 10}`,
      terminationDate: null,
      status: "active",
      createdAt: stamp,
      updatedAt: stamp,
    };
  });
}
