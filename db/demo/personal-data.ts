import type { SensitiveValues } from "@/server/employees/sensitive-fields";
import { addDays, type Day } from "./days";
import type { EmployeePlan } from "./people";
import type { Random } from "./random";

const streets = [
  "Valencia Street",
  "Divisadero Street",
  "Clement Street",
  "Irving Street",
  "Noe Street",
  "Castro Street",
  "Guerrero Street",
  "Balboa Street",
];
const londonStreets = ["Brick Lane", "Upper Street", "Holloway Road", "Walworth Road", "Camden Road"];
const mailHosts = ["gmail.com", "outlook.com", "proton.me", "icloud.com", "fastmail.com"];

/**
 * Realistic but unusable personal data for each demo employee (sealed at rest by the seed): US
 * phone numbers in the 555-01xx fiction range and national ids starting with 9 (never issued as
 * SSNs) for San Francisco, Ofcom's 020 7946 drama range and the reserved "QQ" National Insurance
 * prefix for London. Drawn from a generator of its own, so the rest of the demo stays the same.
 */
export function withPersonalData(
  employees: EmployeePlan[],
  random: Random,
  today: Day,
): Array<EmployeePlan & { personal: SensitiveValues }> {
  const digits = (count: number) => Array.from({ length: count }, () => random.int(0, 9)).join("");
  return employees.map((employee) => {
    const london = employee.location === "Ground Floor";
    const local = `${employee.firstName}.${employee.lastName}`
      .normalize("NFD")
      .toLowerCase()
      .replace(/[^a-z.]/g, "");
    const ageInDays = random.int(22 * 365, 62 * 365);
    return {
      ...employee,
      personal: {
        personalEmail: `${local}${random.chance(0.4) ? random.int(1, 99) : ""}@${random.pick(mailHosts)}`,
        phone: london ? `+44 20 7946 0${digits(3)}` : `+1 415 555 01${digits(2)}`,
        homeAddress: london
          ? `${random.int(1, 240)} ${random.pick(londonStreets)}, London N${random.int(1, 22)} ${digits(1)}AB`
          : `${random.int(100, 4999)} ${random.pick(streets)}, San Francisco, CA 941${digits(2)}`,
        dateOfBirth: addDays(today, -ageInDays),
        nationalId: london
          ? `QQ ${digits(2)} ${digits(2)} ${digits(2)} ${random.pick(["A", "B", "C", "D"])}`
          : `9${digits(2)}-${digits(2)}-${digits(4)}`,
      },
    };
  });
}
