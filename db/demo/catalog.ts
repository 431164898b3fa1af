import type { CustomFieldType } from "@/server/reference/catalog/custom-fields";
import type { Random } from "./random";

export type FieldSeed = { key: string; label: string; type: CustomFieldType; options?: string[] };
export type ModelSeed = { manufacturer: string; name: string; modelNumber: string; price: number };
export type CategoryName =
  | "Laptops"
  | "Desktops"
  | "Monitors"
  | "Phones"
  | "Tablets"
  | "Peripherals"
  | "Network gear";
export type CategorySeed = {
  name: CategoryName;
  depreciationMonths: number;
  warrantyMonths: number;
  fields: FieldSeed[];
  models: ModelSeed[];
  /** Custom field values of one asset of this category and model. */
  values: (random: Random, model: ModelSeed) => Record<string, string | number | boolean>;
};

const laptopOs = (model: ModelSeed, random: Random) =>
  model.manufacturer === "Apple" ? "macOS" : random.chance(0.12) ? "Ubuntu" : "Windows 11";

export const categories: CategorySeed[] = [
  {
    name: "Laptops",
    depreciationMonths: 36,
    warrantyMonths: 36,
    fields: [
      { key: "ram_gb", label: "RAM (GB)", type: "number" },
      { key: "os", label: "OS", type: "select", options: ["macOS", "Windows 11", "Ubuntu"] },
      { key: "disk_encrypted", label: "Disk encrypted", type: "checkbox" },
    ],
    models: [
      { manufacturer: "Apple", name: "MacBook Pro 14", modelNumber: "MRX33LL/A", price: 2399 },
      { manufacturer: "Apple", name: "MacBook Pro 16", modelNumber: "MRW23LL/A", price: 2999 },
      { manufacturer: "Apple", name: "MacBook Air 13", modelNumber: "MRXN3LL/A", price: 1299 },
      { manufacturer: "Dell", name: "Latitude 7450", modelNumber: "LAT7450", price: 1749 },
      { manufacturer: "Lenovo", name: "ThinkPad X1 Carbon Gen 12", modelNumber: "21KC0034US", price: 1899 },
      { manufacturer: "Lenovo", name: "ThinkPad T14 Gen 5", modelNumber: "21ML003JUS", price: 1399 },
      { manufacturer: "HP", name: "EliteBook 840 G11", modelNumber: "9G0G4UT", price: 1599 },
    ],
    values: (random, model) => ({
      ram_gb: model.name.startsWith("MacBook Pro") ? random.pick([18, 36, 48]) : random.pick([16, 16, 32]),
      os: laptopOs(model, random),
      disk_encrypted: random.chance(0.96),
    }),
  },
  {
    name: "Desktops",
    depreciationMonths: 48,
    warrantyMonths: 36,
    fields: [
      { key: "ram_gb", label: "RAM (GB)", type: "number" },
      { key: "os", label: "OS", type: "select", options: ["macOS", "Windows 11", "Ubuntu"] },
    ],
    models: [
      { manufacturer: "Dell", name: "OptiPlex 7020", modelNumber: "OPT7020MT", price: 1049 },
      { manufacturer: "Apple", name: "Mac mini M2 Pro", modelNumber: "MNH73LL/A", price: 1299 },
      { manufacturer: "Apple", name: "iMac 24", modelNumber: "MQRJ3LL/A", price: 1499 },
      { manufacturer: "HP", name: "Z2 Mini G9", modelNumber: "6T6Y8UT", price: 1899 },
      { manufacturer: "Lenovo", name: "ThinkCentre M90q Gen 4", modelNumber: "12E3000AUS", price: 999 },
    ],
    values: (random, model) => ({ ram_gb: random.pick([16, 32, 64]), os: laptopOs(model, random) }),
  },
  {
    name: "Monitors",
    depreciationMonths: 60,
    warrantyMonths: 36,
    fields: [
      { key: "screen_in", label: "Screen size (in)", type: "number" },
      {
        key: "resolution",
        label: "Resolution",
        type: "select",
        options: ["1920x1080", "2560x1440", "3840x2160", "5120x2880"],
      },
    ],
    models: [
      { manufacturer: "Dell", name: "UltraSharp U2723QE", modelNumber: "U2723QE", price: 579 },
      { manufacturer: "Dell", name: "P2423D", modelNumber: "P2423D", price: 279 },
      { manufacturer: "LG", name: "27UK850-W", modelNumber: "27UK850-W", price: 449 },
      { manufacturer: "Apple", name: "Studio Display", modelNumber: "MK0U3LL/A", price: 1599 },
      { manufacturer: "Samsung", name: "ViewFinity S8 27", modelNumber: "LS27B800PXNXGO", price: 399 },
    ],
    values: (_random, model) =>
      model.name === "Studio Display"
        ? { screen_in: 27, resolution: "5120x2880" }
        : model.name === "P2423D"
          ? { screen_in: 24, resolution: "2560x1440" }
          : { screen_in: 27, resolution: "3840x2160" },
  },
  {
    name: "Phones",
    depreciationMonths: 24,
    warrantyMonths: 12,
    fields: [
      {
        key: "carrier",
        label: "Carrier",
        type: "select",
        options: ["Verizon", "AT&T", "T-Mobile", "Vodafone UK"],
      },
      { key: "mdm_enrolled", label: "MDM enrolled", type: "checkbox" },
    ],
    models: [
      { manufacturer: "Apple", name: "iPhone 15", modelNumber: "MTLX3LL/A", price: 799 },
      { manufacturer: "Apple", name: "iPhone 15 Pro", modelNumber: "MTQX3LL/A", price: 999 },
      { manufacturer: "Google", name: "Pixel 8", modelNumber: "GKWS6", price: 699 },
      { manufacturer: "Samsung", name: "Galaxy S24", modelNumber: "SM-S921U", price: 799 },
    ],
    values: (random) => ({
      carrier: random.weighted([
        ["Verizon", 5],
        ["AT&T", 3],
        ["T-Mobile", 2],
        ["Vodafone UK", 2],
      ] as const),
      mdm_enrolled: random.chance(0.93),
    }),
  },
  {
    name: "Tablets",
    depreciationMonths: 36,
    warrantyMonths: 12,
    fields: [
      { key: "storage_gb", label: "Storage (GB)", type: "number" },
      { key: "mdm_enrolled", label: "MDM enrolled", type: "checkbox" },
    ],
    models: [
      { manufacturer: "Apple", name: "iPad Air 11", modelNumber: "MUWD3LL/A", price: 599 },
      { manufacturer: "Apple", name: "iPad Pro 13", modelNumber: "MVX23LL/A", price: 1299 },
      { manufacturer: "Samsung", name: "Galaxy Tab S9", modelNumber: "SM-X710NZAAXAR", price: 799 },
      { manufacturer: "Microsoft", name: "Surface Pro 11", modelNumber: "ZHX-00001", price: 999 },
    ],
    values: (random) => ({ storage_gb: random.pick([128, 256, 512]), mdm_enrolled: random.chance(0.9) }),
  },
  {
    name: "Peripherals",
    depreciationMonths: 24,
    warrantyMonths: 12,
    fields: [
      {
        key: "connection",
        label: "Connection",
        type: "select",
        options: ["USB", "Bluetooth", "Thunderbolt", "Wireless receiver"],
      },
    ],
    models: [
      { manufacturer: "Logitech", name: "MX Keys S", modelNumber: "920-011406", price: 109 },
      { manufacturer: "Logitech", name: "MX Master 3S", modelNumber: "910-006557", price: 99 },
      { manufacturer: "Logitech", name: "Brio 4K Webcam", modelNumber: "960-001105", price: 199 },
      { manufacturer: "Apple", name: "Magic Keyboard with Touch ID", modelNumber: "MK293LL/A", price: 149 },
      { manufacturer: "Jabra", name: "Evolve2 65", modelNumber: "26599-989-899", price: 249 },
      { manufacturer: "Poly", name: "Voyager Focus 2", modelNumber: "213726-01", price: 299 },
      { manufacturer: "Dell", name: "Thunderbolt Dock WD22TB4", modelNumber: "WD22TB4", price: 299 },
    ],
    values: (random, model) => ({
      connection: model.name.includes("Dock")
        ? "Thunderbolt"
        : model.name.includes("Webcam")
          ? "USB"
          : random.pick(["Bluetooth", "Wireless receiver"]),
    }),
  },
  {
    name: "Network gear",
    depreciationMonths: 60,
    warrantyMonths: 60,
    fields: [
      { key: "mac_address", label: "MAC address", type: "text" },
      { key: "firmware", label: "Firmware", type: "text" },
    ],
    models: [
      { manufacturer: "Cisco", name: "Catalyst 9200L-24P", modelNumber: "C9200L-24P-4G-E", price: 2900 },
      { manufacturer: "Cisco", name: "Meraki MR46", modelNumber: "MR46-HW", price: 1199 },
      { manufacturer: "Ubiquiti", name: "UniFi U6 Pro", modelNumber: "U6-Pro", price: 159 },
      {
        manufacturer: "Ubiquiti",
        name: "UniFi Switch Pro 24 PoE",
        modelNumber: "USW-Pro-24-PoE",
        price: 699,
      },
      { manufacturer: "Fortinet", name: "FortiGate 60F", modelNumber: "FG-60F", price: 850 },
    ],
    values: (random, model) => ({
      mac_address: Array.from({ length: 6 }, () => random.int(0, 255).toString(16).padStart(2, "0")).join(
        ":",
      ),
      firmware:
        model.manufacturer === "Cisco" ? "17.9.4" : model.manufacturer === "Ubiquiti" ? "7.0.83" : "7.4.3",
    }),
  },
];

/** Who sells each manufacturer's gear to Acme, and how its serial numbers look. */
export const manufacturers: Record<string, { vendor: string; serialPrefix: string; serialLength: number }> = {
  Apple: { vendor: "Apple Business", serialPrefix: "", serialLength: 10 },
  Dell: { vendor: "Dell Technologies", serialPrefix: "", serialLength: 7 },
  Lenovo: { vendor: "CDW", serialPrefix: "PF", serialLength: 8 },
  HP: { vendor: "CDW", serialPrefix: "5CG", serialLength: 10 },
  LG: { vendor: "B&H Photo", serialPrefix: "312NT", serialLength: 12 },
  Samsung: { vendor: "B&H Photo", serialPrefix: "R5C", serialLength: 11 },
  Google: { vendor: "Google Store", serialPrefix: "3B", serialLength: 14 },
  Microsoft: { vendor: "SHI International", serialPrefix: "0F", serialLength: 12 },
  Logitech: { vendor: "Amazon Business", serialPrefix: "2244LZ", serialLength: 12 },
  Jabra: { vendor: "Amazon Business", serialPrefix: "JB", serialLength: 10 },
  Poly: { vendor: "Amazon Business", serialPrefix: "PL", serialLength: 10 },
  Cisco: { vendor: "Insight", serialPrefix: "FOC", serialLength: 11 },
  Ubiquiti: { vendor: "Ubiquiti Store", serialPrefix: "", serialLength: 12 },
  Fortinet: { vendor: "Insight", serialPrefix: "FGT60F", serialLength: 16 },
};

// Letters that cannot be mistaken for digits, as manufacturers print them.
const serialAlphabet = [..."0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"];

export function serialFor(random: Random, manufacturer: string): string {
  const format = manufacturers[manufacturer];
  if (!format) throw new Error(`no serial format for ${manufacturer}`);
  let serial = format.serialPrefix;
  while (serial.length < format.serialLength) serial += random.pick(serialAlphabet);
  return serial;
}
