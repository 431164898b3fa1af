import type { EmployeeStatus } from "@/server/employees/schemas";
import { addDays, type Day } from "./days";
import type { Random } from "./random";

export const departmentNames = [
  "Engineering",
  "IT Department",
  "Finance",
  "Human Resources",
  "Sales",
  "Marketing",
  "Operations",
] as const;
export type DepartmentName = (typeof departmentNames)[number];

/** Where people sit: desks on the San Francisco floors, London's ground floor, or at home. */
export type DeskLocation = "Floor 3" | "Floor 4" | "Ground Floor" | "Remote";

export type EmployeePlan = {
  id: string;
  number: string;
  firstName: string;
  lastName: string;
  email: string;
  department: DepartmentName;
  location: DeskLocation;
  title: string;
  hireDate: Day;
  terminationDate: Day | null;
  status: EmployeeStatus;
  /** The demo login this person signs in as (employees.user_id). */
  login?: string;
  /** A part in the few recent happenings the audit log shows (see seed.ts). */
  role?: "new_hire" | "leaver";
};

export const EMPLOYEE_COUNT = 300;
const RECENT_HIRES = 12;
const TERMINATED = 8;
const ON_LEAVE = 4;

const headcount: Record<DepartmentName, number> = {
  Engineering: 96,
  Sales: 60,
  Operations: 42,
  Marketing: 34,
  "IT Department": 26,
  Finance: 26,
  "Human Resources": 16,
};

const titles: Record<DepartmentName, ReadonlyArray<readonly [string, number]>> = {
  Engineering: [
    ["Software Engineer", 10],
    ["Senior Software Engineer", 8],
    ["Staff Engineer", 2],
    ["Engineering Manager", 2],
    ["QA Engineer", 2],
    ["Site Reliability Engineer", 2],
    ["Product Designer", 2],
  ],
  Sales: [
    ["Account Executive", 8],
    ["Sales Development Representative", 6],
    ["Solutions Engineer", 2],
    ["Sales Manager", 1],
  ],
  Operations: [
    ["Operations Analyst", 4],
    ["Office Manager", 1],
    ["Facilities Coordinator", 2],
    ["Procurement Specialist", 2],
  ],
  Marketing: [
    ["Marketing Manager", 2],
    ["Content Strategist", 2],
    ["Product Marketing Manager", 2],
    ["Growth Analyst", 2],
  ],
  "IT Department": [
    ["IT Support Specialist", 4],
    ["Systems Administrator", 2],
    ["Network Engineer", 1],
    ["Security Engineer", 1],
  ],
  Finance: [
    ["Accountant", 4],
    ["Financial Analyst", 3],
    ["Controller", 1],
  ],
  "Human Resources": [
    ["HR Business Partner", 2],
    ["Recruiter", 3],
    ["People Operations Specialist", 2],
  ],
};

export const firstNames = `
  Aaliyah Adrian Aisha Alejandro Amara Andre Anika Ben Camila Carlos Chen Chloe Daniel Dev Diana
  Elena Elijah Emma Fatima Felix Gabriel Grace Hana Hannah Hiro Ian Imani Isabel Jack Jamal Javier
  Jin Jordan Julia Kai Kavya Kenji Laila Leo Liam Lucia Maya Mei Miguel Nadia Naomi Nathan Nikhil
  Noah Olivia Omar Oscar Paula Rafael Rahul Rosa Ryan Sakura Samira Sara Sebastian Sofia Tariq
  Thomas Valentina Victor Wei Yara Yusuf Zara Zoe Ethan Ava Lucas Mia Mateo Amelia Owen Freya
  Arjun
`
  .trim()
  .split(/\s+/);
export const lastNames = `
  Abbott Adeyemi Alvarez Anderson Bauer Bhatt Brooks Campbell Castillo Chandra Chen Clarke Cohen
  Costa Das Diaz Dubois Edwards Fischer Fitzgerald Garcia Gupta Hansen Hayes Hernandez Ito Jensen
  Johnson Kang Kaur Kelly Khan Kim Kowalski Larsen Lee Lopez Martin Mehta Meyer Molina Moreau
  Murphy Nakamura Nguyen Novak O'Brien Okafor Olsen Ortiz Park Patel Pereira Petrov Quinn Ramos
  Reyes Rossi Russo Sato Schmidt Shah Silva Singh Sullivan Suzuki Tanaka Thompson Torres Tran
  Turner Vargas Walker Wang Watanabe Weber Williams Wong Yilmaz Zhang
`
  .trim()
  .split(/\s+/);

/** The demo logins who are also people at Acme, with fixed parts so the portal has something to show. */
const staffWithLogins = [
  {
    login: "admin@acme.test",
    first: "Alex",
    last: "Admin",
    department: "IT Department",
    title: "IT Director",
  },
  {
    login: "it@acme.test",
    first: "Sam",
    last: "Support",
    department: "IT Department",
    title: "IT Support Specialist",
  },
  {
    login: "auditor@acme.test",
    first: "Avery",
    last: "Auditor",
    department: "Finance",
    title: "Internal Auditor",
  },
  {
    login: "employee@acme.test",
    first: "Emery",
    last: "Employee",
    department: "Marketing",
    title: "Marketing Manager",
  },
] as const;

const emailLocalPart = (first: string, last: string) =>
  `${first}.${last}`
    .normalize("NFD")
    .toLowerCase()
    .replace(/[^a-z.]/g, "");

/**
 * Acme's ~300 people: headcount per department, desks across the offices, hire dates over nine
 * years (a growing company hires more lately), a dozen hired in the last 30 days, a few on leave
 * and a few who left. Employee numbers follow hire order.
 */
export function planEmployees(random: Random, today: Day): EmployeePlan[] {
  const takenNames = new Set<string>(staffWithLogins.map((staff) => `${staff.first} ${staff.last}`));
  const uniqueName = () => {
    for (;;) {
      const first = random.pick(firstNames);
      const last = random.pick(lastNames);
      if (!takenNames.has(`${first} ${last}`)) {
        takenNames.add(`${first} ${last}`);
        return { first, last };
      }
    }
  };
  const desk = (department: DepartmentName): DeskLocation =>
    department === "IT Department"
      ? random.weighted([
          ["Floor 3", 7],
          ["Ground Floor", 2],
          ["Remote", 1],
        ] as const)
      : random.weighted([
          ["Floor 3", 3],
          ["Floor 4", 3],
          ["Ground Floor", 2.5],
          ["Remote", 2],
        ] as const);
  // Tenure skewed towards recent years: more people joined as the company grew.
  const pastHireDate = () => addDays(today, -(45 + Math.floor(3250 * random.next() ** 1.6)));

  const people: Array<Omit<EmployeePlan, "number" | "email">> = [];
  for (const staff of staffWithLogins) {
    people.push({
      id: random.uuid(),
      firstName: staff.first,
      lastName: staff.last,
      department: staff.department,
      location: staff.department === "IT Department" ? "Floor 3" : "Floor 4",
      title: staff.title,
      hireDate: pastHireDate(),
      terminationDate: null,
      status: "active",
      login: staff.login,
    });
  }
  for (const department of departmentNames) {
    const already = people.filter((person) => person.department === department).length;
    for (let i = already; i < headcount[department]; i++) {
      const { first, last } = uniqueName();
      people.push({
        id: random.uuid(),
        firstName: first,
        lastName: last,
        department,
        location: desk(department),
        title: random.weighted(titles[department]),
        hireDate: pastHireDate(),
        terminationDate: null,
        status: "active",
      });
    }
  }

  // Recent hires, leavers and people on leave are drawn from those without a login.
  const pool = people.filter((person) => !person.login);
  const draw = () => {
    const index = random.int(0, pool.length - 1);
    const [person] = pool.splice(index, 1);
    if (!person) throw new Error("ran out of demo employees");
    return person;
  };
  for (let i = 0; i < RECENT_HIRES; i++) {
    const person = draw();
    person.hireDate = addDays(today, i === 0 ? -2 : -random.int(3, 29));
    if (i === 0) {
      person.department = "Engineering";
      person.title = "Software Engineer";
      person.role = "new_hire";
    }
  }
  for (let i = 0; i < TERMINATED; i++) {
    const person = draw();
    person.status = "terminated";
    // The first one left yesterday and has not handed back their equipment yet.
    person.terminationDate = i === 0 ? addDays(today, -1) : addDays(today, -random.int(20, 420));
    if (person.hireDate >= person.terminationDate) person.hireDate = addDays(person.terminationDate, -400);
    if (i === 0) person.role = "leaver";
  }
  for (let i = 0; i < ON_LEAVE; i++) draw().status = "on_leave";

  const emails = new Set<string>();
  return people
    .sort((a, b) => (a.hireDate < b.hireDate ? -1 : a.hireDate > b.hireDate ? 1 : 0))
    .map((person, index) => {
      const login = staffWithLogins.find((staff) => staff.login === person.login)?.login;
      let email = login ?? `${emailLocalPart(person.firstName, person.lastName)}@acme.test`;
      for (let n = 2; emails.has(email); n++)
        email = `${emailLocalPart(person.firstName, person.lastName)}${n}@acme.test`;
      emails.add(email);
      return { ...person, number: `E${1001 + index}`, email };
    });
}
