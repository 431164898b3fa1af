import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import type { DatabaseHandle } from "@/db";
import type { SessionUser } from "@/server/context";
import type { Db } from "@/server/db";
import { appRouter, createCaller } from "@/server/router";
import type { Access } from "@/server/trpc";
import { type OtherTenant, otherTenantAdmin, seedOtherTenant } from "../factories/isolation";
import { createSuperAdmin } from "../factories/tenants";
import { useTestDatabase } from "../support/database";
import {
  badDates,
  badDays,
  badIds,
  badNumbers,
  badStrings,
  describeValue,
  OVERLONG,
  rawJunk,
  wrongTypes,
} from "./input-fuzz-values";

/**
 * Bad input never gives a 5xx. Every procedure of the router is called (as an admin of a real
 * tenant, or the super admin for platform.*) with inputs built from its own zod input schema: a
 * well-formed input aimed at real rows, then one position at a time replaced by something hostile
 * (control characters, overlong text, huge or negative numbers, malformed ids, impossible dates,
 * wrong types), plus raw junk in place of the whole input (the values: input-fuzz-values.ts; route
 * handlers get them in input-fuzz-routes.int.test.ts). A refusal (4xx) is the right answer; a 5xx
 * is a bug.
 */

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
type AnyProcedure = {
  _def: { meta?: { access?: Access }; type: string; inputs: z.ZodType[] };
};
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, AnyProcedure>);

type Kind = "string" | "id" | "email" | "day" | "number" | "date" | "array" | "record" | "other";
type Position = { path: Array<string | number>; kind: Kind; element?: unknown };

/** The ids of real rows a well-formed input points at, chosen by field name (and path for `id`). */
function idFor(key: string, procedurePath: string, t: OtherTenant): string {
  const byKey: Record<string, string> = {
    assetId: t.assets.stock.id,
    employeeId: t.holder.id,
    toEmployeeId: t.spare.id,
    locationId: t.room.id,
    parentId: t.building.id,
    reassignTo: t.site.id,
    categoryId: t.category.id,
    statusId: t.status.id,
    modelId: t.model.id,
    manufacturerId: t.manufacturer.id,
    departmentId: t.department.id,
    organizationId: t.organization.id,
    importId: t.import.id,
    auditId: t.auditId,
    runId: t.run.id,
    eventId: t.deadLetter.eventId,
    userId: t.staffId,
    invitationId: t.invitation.id,
    tenantId: t.tenantId,
    fieldId: t.field.id,
    destinationId: t.chat.id,
    licenseId: t.license.id,
  };
  const inPath = (part: string) => procedurePath.includes(part);
  // `id` alone: the record the procedure's path names (reference.<kind>.<verb>), else a location
  const byPathPart: Array<[string, string]> = [
    ["organization", t.organization.id],
    ["department", t.department.id],
    ["Field", t.field.id],
    ["categor", t.category.id],
    ["manufacturer", t.manufacturer.id],
    ["model", t.model.id],
    ["status", t.status.id],
  ];
  const byPath = byPathPart.find(([part]) => inPath(part))?.[1] ?? t.room.id;
  if (key === "importId" && inPath("employees.import")) return t.employeeImport.id;
  if (key === "aliasId") return inPath("department") ? t.departmentAlias.id : t.organizationAlias.id;
  if (key === "duplicateId") {
    return inPath("department") ? t.archived.department.id : t.archived.organization.id;
  }
  return byKey[key.replace(/s$/, "")] ?? byKey[key] ?? byPath;
}

function stringFor(key: string): string {
  const samples: Record<string, string> = {
    timeZone: "UTC",
    start: "22:00",
    end: "07:00",
    from: "2026-01-01",
    to: "2026-12-31",
    names: "asset.created",
    entityType: "asset",
    key: "fuzz_key",
    content: "Name,Category\nFuzz laptop,Laptops\n",
    fileName: "fuzz.csv",
    token: "t".repeat(40),
    password: "fuzz-password-123",
    phone: "+1 555 010 0199",
    below: "6.0",
    atLeast: "5.0",
    digestTimeZone: "Europe/Paris",
    endpoint: "https://push.example.test/fuzz",
    p256dh: "B".repeat(87),
    auth: "a".repeat(22),
    webhookUrl: "https://hooks.example.test/services/T0FUZZ/B0FUZZ/fuzz",
    botToken: "xoxb-0000000000-fuzzfuzzfuzz",
    channelId: "C0FUZZ0001",
    accountSid: `AC${"f".repeat(32)}`,
    authToken: "f".repeat(32),
    sender: "+15005550006",
    baseUrl: "https://twilio.example.test",
  };
  return samples[key] ?? `Fuzz ${key}`;
}

/**
 * A well-formed value for `schema`, and every position in it that takes a scalar or a list.
 * Optional fields are filled in, so each of them is fuzzed too.
 */
function sample(
  schema: unknown,
  key: string,
  path: Array<string | number>,
  ctx: { procedure: string; tenant: OtherTenant; positions: Position[] },
): unknown {
  const def = defOf(schema);
  const at = (kind: Kind, value: unknown, element?: unknown) => {
    ctx.positions.push({ path, kind, element });
    return value;
  };
  switch (def.type) {
    case "object": {
      const shape = def.shape as Record<string, unknown>;
      return Object.fromEntries(
        Object.entries(shape).map(([name, inner]) => [name, sample(inner, name, [...path, name], ctx)]),
      );
    }
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "nonoptional":
    case "readonly":
    case "catch":
      return sample(def.innerType, key, path, ctx);
    case "pipe":
      return sample(defOf(def.in).type === "transform" ? def.out : def.in, key, path, ctx);
    case "union":
      return sample((def.options as unknown[])[0], key, path, ctx);
    case "string": {
      if (def.format === "uuid" || def.format === "guid")
        return at("id", idFor(key, ctx.procedure, ctx.tenant));
      if (def.format === "email" || /email/i.test(key)) return at("email", "fuzz@example.test");
      if (def.format === "date" || /Date$|On$|^(from|to)$|End|endOfLife/.test(key))
        return at("day", key === "to" ? "2026-12-31" : "2026-01-31");
      return at("string", stringFor(key));
    }
    case "number":
      return at("number", /pageSize/.test(key) ? 50 : /months/i.test(key) ? 12 : 1);
    case "boolean":
      return false;
    case "enum":
      return Object.values(def.entries as Record<string, string>)[0];
    case "literal":
      return (def.values as unknown[])[0];
    case "date":
      return at("date", new Date("2026-01-01T00:00:00Z"));
    case "array": {
      const element = sample(def.element, key, [...path, 0], ctx);
      // a list that needs two (a step's outcomes) gets two
      const one = (schema as z.ZodType).safeParse([element]).success;
      return at("array", one ? [element] : [element, element], element);
    }
    case "record":
      return at("record", {});
    default:
      return at("other", null);
  }
}

/** One well-formed input per shape the procedure accepts (each branch of a union). */
function baselines(schema: z.ZodType | undefined, procedure: string, tenant: OtherTenant) {
  if (!schema) return [];
  let top: unknown = schema;
  while (["optional", "default", "prefault", "nullable"].includes(defOf(top).type)) {
    top = defOf(top).innerType;
  }
  const branches = defOf(top).type === "union" ? (defOf(top).options as unknown[]) : [top];
  return branches.map((branch) => {
    const positions: Position[] = [];
    const value = sample(branch, "input", [], { procedure, tenant, positions });
    return { value, positions };
  });
}

const hostile: Record<Kind, unknown[]> = {
  string: badStrings,
  id: [...badIds, ...badStrings.slice(0, 3)],
  email: [...badStrings, `${"a".repeat(250)}@example.test`, `fuzz@${"b".repeat(300)}.test`],
  day: [...badDays, ...badStrings.slice(0, 3)],
  number: badNumbers,
  date: badDates,
  array: [],
  record: [],
  other: [],
};

/** A custom-field map: the tenant's real field key (so values reach the row), and junk keys. */
const hostileRecords = (fieldKey: string): unknown[] => [
  { "\u0000": "x" },
  ...[...badStrings, 1e308, -1e308, { nested: ["\u0000"] }, ["\u0000"]].map((value) => ({
    [fieldKey]: value,
  })),
  Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, OVERLONG.slice(0, 1000)])),
];

function hostileFor(position: Position): unknown[] {
  if (position.kind === "record") return [...hostileRecords(tenant.field.key), ...wrongTypes];
  if (position.kind === "array") {
    return [
      Array.from({ length: 10_000 }, () => position.element),
      Array.from({ length: 3 }, () => "\u0000"),
      [null],
    ];
  }
  return [...hostile[position.kind], ...wrongTypes];
}

/** Unique names per call, so a rename or create is never refused as a duplicate before it is tried. */
let serial = 0;
function freshen(value: unknown): unknown {
  if (typeof value === "string") return value.startsWith("Fuzz ") ? `${value} ${++serial}` : value;
  if (Array.isArray(value)) return value.map(freshen);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, freshen(inner)]));
  }
  return value;
}

function withValue(base: unknown, path: Array<string | number>, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = freshen(base) as Record<string | number, unknown>;
  let node = copy;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = value;
  return copy;
}

let handle: DatabaseHandle;
let db: Db;
let tenant: OtherTenant;
let admin: SessionUser;
let superAdmin: SessionUser;
const failures: string[] = [];

beforeAll(async () => {
  handle = await useTestDatabase({ isolated: true });
  db = handle.db;
  tenant = await seedOtherTenant(db);
  admin = await otherTenantAdmin(db, tenant);
  const platformUser = await createSuperAdmin(db);
  superAdmin = { ...platformUser, role: "super_admin", tenantId: null, tenantName: null };
}, 120_000);
afterAll(async () => {
  if (failures.length > 0) console.log(`input fuzz: ${failures.length} 5xx answers\n${failures.join("\n")}`);
  await handle?.close();
});

async function callProcedure(path: string, user: SessionUser, input: unknown): Promise<string | null> {
  const caller = createCaller({ user, requestId: "input-fuzz", ip: "127.0.0.1" });
  // biome-ignore lint/suspicious/noExplicitAny: walking the caller proxy by path
  const fn = path.split(".").reduce<any>((node, key) => node[key], caller);
  try {
    await fn(input);
    return null;
  } catch (error) {
    if (!(error instanceof TRPCError)) return `threw ${String(error)}`;
    if (error.code !== "INTERNAL_SERVER_ERROR") return null;
    const cause = error.cause instanceof Error ? error.cause.message : String(error.cause);
    return `INTERNAL_SERVER_ERROR (${cause.slice(0, 120)})`;
  }
}

// Mutations that remove rows run last, so earlier procedures still find the rows they aim at.
const destructive = /delete|merge|remove|revoke|deactivate|archive|close|cancel|retry|suspend/i;
const ordered = [...procedures].sort(
  ([x], [y]) => Number(destructive.test(x)) - Number(destructive.test(y)) || x.localeCompare(y),
);

describe("every procedure refuses bad input without a 5xx", () => {
  it("walks the whole router", () => {
    expect(procedures.length).toBeGreaterThanOrEqual(90);
  });

  // Otherwise the hostile values would only ever meet the first validation error, never a query.
  it("builds a well-formed input for every procedure that takes one", () => {
    const malformed = ordered.flatMap(([path, procedure]) =>
      baselines(procedure._def.inputs[0], path, tenant)
        .filter(({ value }) => !procedure._def.inputs[0]?.safeParse(value).success)
        .map(({ value }) => `${path} ${JSON.stringify(value).slice(0, 200)}`),
    );
    expect(malformed).toEqual([]);
  });

  it.each(ordered)(
    "%s",
    async (path, procedure) => {
      const access = procedure._def.meta?.access;
      const user = Array.isArray(access) && access.includes("super_admin") ? superAdmin : admin;
      const found: string[] = [];
      const attempt = async (input: unknown, what: string) => {
        const problem = await callProcedure(path, user, input);
        if (problem) found.push(`${path} ${what}: ${problem}`);
      };
      for (const junk of rawJunk) await attempt(junk, `input=${describeValue(junk)}`);
      for (const { value, positions } of baselines(procedure._def.inputs[0], path, tenant)) {
        for (const position of positions) {
          for (const bad of hostileFor(position)) {
            await attempt(
              withValue(value, position.path, bad),
              `${position.path.join(".")}=${describeValue(bad)}`,
            );
          }
        }
      }
      failures.push(...found);
      expect(found).toEqual([]);
    },
    120_000,
  );
});
