import type { StatusKind } from "@/server/assets/lifecycle";
import { type AssetPlan, createAssetFactory, type LocationName, modelOf, serviceLife } from "./asset-factory";
import type { CategoryName } from "./catalog";
import { addDays, type Day, daysBetween, later } from "./days";
import type { DepartmentName, EmployeePlan } from "./people";
import type { Random } from "./random";

export type { AssetPlan, HistoryPlan, LocationName } from "./asset-factory";

export const ASSET_COUNT = 2_000;

/** Assets not held by anyone, by status (the rest of the 2,000 after everyone's kit is in stock). */
const unassignedQuota: Array<[StatusKind, number]> = [
  ["on_order", 45],
  ["in_repair", 38],
  ["lost", 14],
  ["stolen", 11],
  ["retired", 170],
  ["disposed", 36],
];
const NETWORK_GEAR = 90;
const spareCategories: Array<readonly [CategoryName, number]> = [
  ["Laptops", 35],
  ["Monitors", 22],
  ["Peripherals", 20],
  ["Phones", 12],
  ["Desktops", 6],
  ["Tablets", 5],
];
const laptopChoice: Record<"engineering" | "other", Array<readonly [string, number]>> = {
  engineering: [
    ["MacBook Pro 14", 5],
    ["MacBook Pro 16", 3],
    ["ThinkPad X1 Carbon Gen 12", 1],
    ["ThinkPad T14 Gen 5", 1],
  ],
  other: [
    ["MacBook Air 13", 3],
    ["Latitude 7450", 3],
    ["ThinkPad X1 Carbon Gen 12", 2],
    ["ThinkPad T14 Gen 5", 2],
    ["EliteBook 840 G11", 2],
    ["MacBook Pro 14", 1],
  ],
};
const phoneHeavy = new Set<DepartmentName>(["Sales", "IT Department"]);
const lossNotes = ["Left in a taxi", "Not found at the quarterly audit", "Lost while travelling"];
const theftNotes = ["Stolen from a parked car; police report filed", "Bag stolen at the airport"];

/**
 * The 2,000 assets of the demo and each one's history, consistent with where it ends up: a purchase
 * for every asset; everyone's kit assigned (a few passed on from an earlier holder); spares in
 * stock, some returned by people who left; and the on-order, in-repair, lost, stolen, retired and
 * disposed ones with the entries that got them there. Tags follow purchase order.
 */
export function planAssets(random: Random, today: Day, employees: EmployeePlan[]): AssetPlan[] {
  const { assets, at, between, newAsset, randomModel, purchasedWithin, employedOn, lend, assignTo, issue } =
    createAssetFactory(random, today, employees);
  const storeroom = (): LocationName => (random.chance(0.75) ? "IT Storage 301" : "Ground Floor");

  for (const employee of employees) {
    if (employee.status === "terminated" && employee.role !== "leaver") continue;
    const engineering = employee.department === "Engineering";
    if (employee.login === "employee@acme.test") {
      // The portal user holds exactly a laptop and a phone.
      issue(employee, "Laptops", modelOf("Laptops", "MacBook Air 13"));
      issue(employee, "Phones", modelOf("Phones", "iPhone 15"));
      continue;
    }
    if (employee.role === "new_hire") {
      // In stock since last week, handed over as the demo is seeded.
      const laptop = newAsset(
        "Laptops",
        modelOf("Laptops", "MacBook Pro 14"),
        addDays(today, -9),
        "assigned",
      );
      assignTo(laptop, employee, null);
      continue;
    }
    issue(
      employee,
      "Laptops",
      modelOf("Laptops", random.weighted(laptopChoice[engineering ? "engineering" : "other"])),
    );
    if (employee.role === "leaver") {
      issue(employee, "Phones", modelOf("Phones", "iPhone 15"));
      continue;
    }
    const atDesk = employee.location !== "Remote";
    if (random.chance(atDesk ? 0.85 : 0.55)) issue(employee, "Monitors", randomModel("Monitors"));
    if (engineering && random.chance(0.35)) issue(employee, "Monitors", randomModel("Monitors"));
    if (random.chance(phoneHeavy.has(employee.department) ? 0.9 : 0.3))
      issue(employee, "Phones", randomModel("Phones"));
    if (random.chance(["Sales", "Marketing"].includes(employee.department) ? 0.15 : 0.04))
      issue(employee, "Tablets", randomModel("Tablets"));
    if (
      random.chance(engineering ? 0.08 : ["Finance", "Operations"].includes(employee.department) ? 0.2 : 0.02)
    )
      issue(employee, "Desktops", randomModel("Desktops"));
    for (
      let n = random.weighted([
        [0, 2],
        [1, 4],
        [2, 3],
        [3, 1],
      ] as const);
      n > 0;
      n--
    )
      issue(employee, "Peripherals", randomModel("Peripherals"));
  }

  // Incidents and repairs happen to people without a part of their own in the demo.
  const bystanders = employees.filter(
    (employee) => employee.status !== "terminated" && !employee.role && !employee.login,
  );
  /** Issued to someone, then lost or stolen while they held it. */
  const incident = (kind: "lost" | "stolen", story: boolean) => {
    const category: CategoryName = random.chance(0.6) ? "Phones" : "Laptops";
    const bought = purchasedWithin(category, 90);
    const asset = newAsset(category, randomModel(category), bought, kind);
    const holder = (story ? random.pick(bystanders) : employedOn(bought)) ?? random.pick(bystanders);
    const lastDay = holder.terminationDate ?? addDays(today, -1);
    const handedOver = between(later(holder.hireDate, addDays(bought, 1)), addDays(lastDay, -20));
    assignTo(asset, holder, handedOver);
    asset.status = kind;
    asset.employeeId = null;
    asset.history.push({
      type: kind,
      at: story ? null : at(between(addDays(handedOver, 7), lastDay)),
      fromStatus: "assigned",
      toStatus: kind,
      fromEmployeeId: holder.id,
      notes: random.pick(kind === "lost" ? lossNotes : theftNotes),
    });
  };

  for (const [status, quota] of unassignedQuota) {
    for (let i = 0; i < quota; i++) {
      if (status === "lost" || status === "stolen") {
        incident(status, status === "stolen" && i === 0);
        continue;
      }
      const category = random.weighted(spareCategories);
      const model = randomModel(category);
      if (status === "on_order") {
        newAsset(category, model, addDays(today, -random.int(0, 25)), "on_order");
        continue;
      }
      const retiring = status === "retired" || status === "disposed";
      const bought = retiring
        ? addDays(today, -random.int(serviceLife[category] - 300, serviceLife[category]))
        : purchasedWithin(category, 60);
      const asset = newAsset(category, model, bought, status);
      if (status === "disposed") asset.location = null;
      if (status === "in_repair") {
        // The first one comes back damaged as the demo is seeded; others went to repair lately.
        const story = i === 0;
        if (story || random.chance(0.6)) {
          const holder = random.pick(bystanders);
          const handedOver = between(later(holder.hireDate, addDays(bought, 1)), addDays(today, -40));
          assignTo(asset, holder, handedOver);
          asset.status = "in_repair";
          asset.employeeId = null;
          asset.location = "IT Storage 301";
          asset.history.push({
            type: "return",
            at: story ? null : at(between(addDays(handedOver, 1), addDays(today, -1))),
            fromStatus: "assigned",
            toStatus: "in_repair",
            fromEmployeeId: holder.id,
            toLocation: "IT Storage 301",
            condition: "damaged",
            notes: story
              ? "Cracked screen after a fall"
              : random.pick(["Battery swelling", "Keyboard not responding"]),
          });
        } else {
          const since = addDays(today, -random.int(1, 30));
          if (daysBetween(bought, since) > 120) lend(asset, bought, since);
          asset.history.push({
            type: "repair_start",
            at: at(since),
            fromStatus: "in_stock",
            toStatus: "in_repair",
          });
        }
        continue;
      }
      // Retired around the end of its depreciation, or lately when that is still ahead (monitors).
      const due = asset.endOfLife < today ? asset.endOfLife : addDays(today, -90);
      const retiredOn = between(addDays(due, -60), addDays(today, status === "disposed" ? -45 : -1));
      if (random.chance(0.7)) lend(asset, bought, addDays(retiredOn, -1));
      asset.history.push({
        type: "retire",
        at: at(retiredOn),
        fromStatus: "in_stock",
        toStatus: "retired",
        notes: "End of service life",
      });
      if (status === "disposed") {
        asset.history.push({
          type: "retire",
          at: at(between(addDays(retiredOn, 14), addDays(today, -1))),
          fromStatus: "retired",
          toStatus: "disposed",
          notes: "Wiped and recycled through a certified e-waste vendor",
        });
      }
    }
  }

  for (let i = 0; i < NETWORK_GEAR; i++) {
    const bought = purchasedWithin("Network gear", 30);
    const closet = random.pick(["Room 305", "Room 410", "Ground Floor", "Floor 3", "Floor 4"] as const);
    const asset = newAsset("Network gear", randomModel("Network gear"), bought, "in_stock", closet);
    for (
      let day = addDays(bought, random.int(150, 300));
      day < today;
      day = addDays(day, random.int(150, 300))
    ) {
      asset.history.push({
        type: "maintenance",
        at: at(day),
        notes: `Firmware updated to ${asset.customFields.firmware}`,
        data: { performedOn: day },
      });
      asset.lastMaintenanceAt = day;
    }
  }

  // Spares fill the rest: in stock, many handed back by an earlier holder, a few repaired once.
  while (assets.length < ASSET_COUNT) {
    const category = random.weighted(spareCategories);
    const bought = purchasedWithin(category);
    const shelf = storeroom();
    const asset = newAsset(category, randomModel(category), bought, "in_stock", shelf);
    if (daysBetween(bought, today) > 200 && random.chance(0.45)) {
      const returned = lend(asset, bought, addDays(today, -5), shelf);
      if (random.chance(0.1) && daysBetween(returned, today) > 30) {
        const start = between(addDays(returned, 1), addDays(today, -20));
        asset.history.push(
          { type: "repair_start", at: at(start), fromStatus: "in_stock", toStatus: "in_repair" },
          {
            type: "repair_complete",
            at: at(between(addDays(start, 3), addDays(start, 14))),
            fromStatus: "in_repair",
            toStatus: "in_stock",
            notes: "Repaired under warranty",
          },
        );
      }
    }
  }

  return assets
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
    .map((asset, index) => ({ ...asset, tag: `AST-${String(index + 1).padStart(6, "0")}` }));
}
