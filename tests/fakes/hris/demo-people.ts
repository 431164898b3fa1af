import type { FakePerson } from "./core";

/**
 * Acme's people as the demo HRIS knows them (served by serve.ts, usable in tests): 25 people with
 * names, emails (@acme-hr.test) and numbers (HR-2001...) that do not collide with the seeded
 * employees, so a sync adds them all. Built around what a sync must get right:
 *
 * - two hired in the last 30 days (they start onboarding), one who left 20 days ago;
 * - a manager (Beatrix Lindqvist, the last record) listed after the five people reporting to her;
 * - the department "IT Dept", which must land in the tenant's existing "IT Department".
 *
 * `idFor(n)` makes the provider's id for person n (1..25); dates are relative to `today`.
 */
export function demoPeople(idFor: (n: number) => string, today: Date = new Date()): FakePerson[] {
  const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const stamp = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString();
  const rows: Array<
    [
      first: string,
      last: string,
      title: string,
      department: string,
      location: string,
      manager: number | null,
      hired: number,
    ]
  > = [
    ["Ingrid", "Okoro", "Chief Operating Officer", "Operations", "Floor 4", null, -2900],
    ["Tobias", "Varga", "Engineering Manager", "Engineering", "Floor 3", 1, -2100],
    ["Priya", "Haddad", "Software Engineer", "Engineering", "Floor 3", 2, -900],
    ["Marco", "Brennan", "Senior Software Engineer", "Engineering", "Remote", 2, -1500],
    ["Helga", "Sorensen", "QA Engineer", "Engineering", "Floor 3", 2, -600],
    ["Rowan", "Achterberg", "Site Reliability Engineer", "Engineering", "Remote", 2, -450],
    ["Quentin", "Mbeki", "Software Engineer", "Engineering", "Floor 3", 2, -300],
    ["Cyrus", "Valdivia", "Account Executive", "Sales", "Ground Floor", 9, -800],
    ["Delphine", "Arkwright", "Sales Director", "Sales", "Ground Floor", 1, -2000],
    ["Emeka", "Lindgren", "Sales Development Rep", "Sales", "Ground Floor", 9, -200],
    ["Farah", "Castellanos", "Financial Analyst", "Finance", "Floor 4", 12, -700],
    ["Gustav", "Ferreira", "Controller", "Finance", "Floor 4", 1, -1800],
    ["Henrik", "Oyelaran", "Marketing Specialist", "Marketing", "Remote", 14, -350],
    ["Ines", "Kowalczyk", "Head of Marketing", "Marketing", "Floor 4", 1, -1600],
    ["Joaquin", "Szabo", "HR Generalist", "Human Resources", "Floor 4", 1, -1200],
    ["Keiko", "Bjornstad", "Operations Coordinator", "Operations", "Ground Floor", 1, -500],
    ["Lars", "Abernathy", "Recruiter", "Human Resources", "Remote", 15, -400],
    ["Mirela", "Nakashima", "Product Designer", "Engineering", "Floor 3", 2, -250],
    ["Nils", "Etxeberria", "Account Executive", "Sales", "Remote", 9, -12],
    ["Orla", "Quisenberry", "IT Support Specialist", "IT Dept", "Floor 3", 25, -1100],
    ["Pavel", "Amundsen", "Systems Administrator", "IT Dept", "Floor 3", 25, -1000],
    ["Rhea", "Tanaka-Ward", "IT Support Specialist", "IT Dept", "Remote", 25, -5],
    ["Soren", "Delacroix", "Network Engineer", "IT Dept", "Floor 3", 25, -750],
    ["Thea", "Montgomery", "Security Engineer", "IT Dept", "Remote", 25, -650],
    ["Beatrix", "Lindqvist", "IT Manager", "IT Dept", "Floor 3", 1, -2400],
  ];
  const leaver = 8;
  return rows.map(([first, last, title, department, location, manager, hired], index) => {
    const n = index + 1;
    const terminated = n === leaver;
    const recent = hired > -30;
    const changed = terminated ? -20 : recent ? hired : -60;
    return {
      id: idFor(n),
      employeeNumber: `HR-${2000 + n}`,
      firstName: first,
      lastName: last,
      workEmail: `${first}.${last}@acme-hr.test`.toLowerCase(),
      personalEmail: null,
      phone: `+1 415 555 ${String(1000 + n)}`,
      title,
      department,
      division: "Acme Corp",
      location,
      managerId: manager === null ? null : idFor(manager),
      hireDate: day(hired),
      terminationDate: terminated ? day(-20) : null,
      status: terminated ? "terminated" : "active",
      createdAt: stamp(recent ? hired : Math.min(hired, -90)),
      updatedAt: stamp(changed),
    };
  });
}

/** The provider ids the demo uses (fixed width, so they sort the same as numbers and as text). */
export const demoIds = {
  bamboohr: (n: number) => String(400 + n),
  rippling: (n: number) => `w_${1000 + n}`,
  okta: (n: number) => `00u${String(1000 + n)}acme`,
};
