import type { StatusKind, TransactionType } from "@/server/assets/lifecycle";
import {
  type CategoryName,
  type CategorySeed,
  categories,
  type ModelSeed,
  manufacturers,
  serialFor,
} from "./catalog";
import { addDays, addMonths, type Day, daysBetween, instantOn, later } from "./days";
import type { EmployeePlan } from "./people";
import type { Random } from "./random";

/** A location of the seeded tree, by its (unique) name. */
export type LocationName =
  | "IT Storage 301"
  | "Room 305"
  | "Room 410"
  | "Floor 3"
  | "Floor 4"
  | "Ground Floor"
  | "Remote";

export type HistoryPlan = {
  type: TransactionType;
  /** null: it happens as the demo is seeded, and is recorded with its event. */
  at: Date | null;
  fromStatus?: StatusKind;
  toStatus?: StatusKind;
  fromEmployeeId?: string;
  toEmployeeId?: string;
  toLocation?: LocationName;
  condition?: string;
  notes?: string;
  data?: Record<string, unknown>;
};

export type AssetPlan = {
  id: string;
  tag: string;
  name: string;
  serial: string;
  category: CategoryName;
  model: ModelSeed;
  status: StatusKind;
  employeeId: string | null;
  location: LocationName | null;
  purchaseDate: Day;
  cost: string;
  vendor: string;
  orderNumber: string;
  warrantyEnd: Day;
  endOfLife: Day;
  notes: string | null;
  customFields: Record<string, string | number | boolean>;
  lastMaintenanceAt: Day | null;
  createdAt: Date;
  history: HistoryPlan[];
};

/** An asset before it gets its tag (tags follow purchase order, known once all are planned). */
export type AssetDraft = Omit<AssetPlan, "tag">;

/** How long each kind of device stays in service at Acme, in days. */
export const serviceLife: Record<CategoryName, number> = {
  Laptops: 1460,
  Desktops: 1460,
  Monitors: 1460,
  Phones: 1000,
  Tablets: 1200,
  Peripherals: 1200,
  "Network gear": 1460,
};

const categoryByName = new Map(categories.map((category) => [category.name, category]));
const categoryOf = (name: CategoryName): CategorySeed => {
  const category = categoryByName.get(name);
  if (!category) throw new Error(`unknown demo category ${name}`);
  return category;
};
export const modelOf = (category: CategoryName, name: string): ModelSeed => {
  const model = categoryOf(category).models.find((candidate) => candidate.name === name);
  if (!model) throw new Error(`unknown demo model ${name}`);
  return model;
};

/**
 * Makes assets and writes their history: bought, lent to someone for a while, handed to a holder.
 * Every entry follows the previous one in time and in status, and a holder is always someone who
 * worked at Acme then.
 */
export function createAssetFactory(random: Random, today: Day, employees: EmployeePlan[]) {
  const serials = new Set<string>();
  const assets: AssetDraft[] = [];
  const deskOf = new Map(employees.map((employee) => [employee.id, employee.location]));
  const at = (day: Day) => instantOn(day, random.int(15 * 60, 23 * 60));
  const between = (from: Day, to: Day): Day =>
    to <= from ? from : addDays(from, random.int(0, daysBetween(from, to)));

  const newAsset = (
    categoryName: CategoryName,
    model: ModelSeed,
    purchaseDate: Day,
    status: StatusKind,
    location: LocationName | null = status === "on_order" ? null : "IT Storage 301",
  ) => {
    const category = categoryOf(categoryName);
    let serial = serialFor(random, model.manufacturer);
    while (serials.has(serial)) serial = serialFor(random, model.manufacturer);
    serials.add(serial);
    const asset: AssetDraft = {
      id: random.uuid(),
      name: `${model.manufacturer} ${model.name}`,
      serial,
      category: categoryName,
      model,
      status,
      employeeId: null,
      location,
      purchaseDate,
      cost: (model.price * (0.88 + random.next() * 0.14)).toFixed(2),
      vendor: manufacturers[model.manufacturer]?.vendor ?? "CDW",
      orderNumber: `PO-${purchaseDate.slice(0, 4)}-${String(random.int(1, 9999)).padStart(4, "0")}`,
      warrantyEnd: addMonths(purchaseDate, category.warrantyMonths),
      endOfLife: addMonths(purchaseDate, category.depreciationMonths),
      notes: null,
      customFields: category.values(random, model),
      lastMaintenanceAt: null,
      createdAt: at(purchaseDate),
      history: [],
    };
    asset.history.push({
      type: "purchase",
      at: asset.createdAt,
      toStatus: status === "on_order" ? "on_order" : "in_stock",
      toLocation: location ?? undefined,
      data: { vendor: asset.vendor, orderNumber: asset.orderNumber },
    });
    assets.push(asset);
    return asset;
  };
  const randomModel = (category: CategoryName) => random.pick(categoryOf(category).models);
  const purchasedWithin = (category: CategoryName, minAge = 5) =>
    addDays(today, -random.int(minAge, serviceLife[category]));

  /** Someone who worked at Acme for at least the month after `day`. */
  const employedOn = (day: Day) => {
    const candidates = employees.filter(
      (employee) => employee.hireDate <= day && (employee.terminationDate ?? today) > addDays(day, 30),
    );
    return candidates.length ? random.pick(candidates) : undefined;
  };

  /**
   * An earlier holder between `from` and `until`, who handed it back: on their last day if they
   * left before `until`. Returns the day it was back in stock.
   */
  const lend = (asset: AssetDraft, from: Day, until: Day, returnTo: LocationName = "IT Storage 301"): Day => {
    const start = between(addDays(from, 1), addDays(until, -60));
    const holder = employedOn(start);
    if (!holder || start >= addDays(until, -30)) return from;
    const leaver = holder.terminationDate !== null && holder.terminationDate < until;
    const end =
      leaver && holder.terminationDate
        ? holder.terminationDate
        : between(addDays(start, 30), addDays(until, -1));
    asset.history.push(
      {
        type: "assignment",
        at: at(start),
        fromStatus: "in_stock",
        toStatus: "assigned",
        toEmployeeId: holder.id,
        toLocation: deskOf.get(holder.id),
      },
      {
        type: "return",
        at: at(end),
        fromStatus: "assigned",
        toStatus: "in_stock",
        fromEmployeeId: holder.id,
        toLocation: returnTo,
        condition: leaver ? "good" : random.pick(["good", "good", "fair"]),
        notes: leaver ? "Returned at offboarding" : undefined,
      },
    );
    return end;
  };

  const assignTo = (asset: AssetDraft, holder: EmployeePlan, on: Day | null) => {
    asset.status = "assigned";
    asset.employeeId = holder.id;
    asset.location = holder.location;
    asset.history.push({
      type: "assignment",
      at: on === null ? null : at(on),
      fromStatus: "in_stock",
      toStatus: "assigned",
      toEmployeeId: holder.id,
      toLocation: holder.location,
    });
  };

  /** Kit in the hands of its holder, bought for them or passed on from someone before them. */
  const issue = (holder: EmployeePlan, category: CategoryName, model: ModelSeed) => {
    const earliest = addDays(today, -serviceLife[category]);
    const bought = between(later(addDays(holder.hireDate, -10), earliest), addDays(today, -3));
    const asset = newAsset(category, model, bought, "assigned");
    let free = bought;
    if (daysBetween(bought, holder.hireDate) > 120 && random.chance(0.7))
      free = lend(asset, bought, holder.hireDate);
    // Someone who has left got their kit well before their last day.
    const until = holder.terminationDate ? addDays(holder.terminationDate, -30) : addDays(today, -1);
    const handedOver = between(later(addDays(free, 1), holder.hireDate), until);
    assignTo(asset, holder, later(handedOver, addDays(bought, 1)));
    return asset;
  };

  return { assets, at, between, newAsset, randomModel, purchasedWithin, employedOn, lend, assignTo, issue };
}
