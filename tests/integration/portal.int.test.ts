import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as downloadReceipt } from "@/app/api/portal/receipts/[assetId]/route";
import { POST as acceptReceipt } from "@/app/api/portal/receipts/route";
import type { DatabaseHandle } from "@/db";
import { acceptInvitation } from "@/server/accounts/services/accept-invitation";
import { inviteUser } from "@/server/accounts/services/invite-user";
import { assignAsset } from "@/server/assets/services/assign-asset";
import { PEER_ADDRESS_HEADER } from "@/server/auth/client-ip";
import type { SessionUser } from "@/server/context";
import { withPlatform } from "@/server/db";
import { createCaller } from "@/server/router";
import { createAssetFixtures, createTestAsset } from "../factories/assets";
import { pngBytes } from "../factories/files";
import { asUser, createTestTenant, createTestUser, type TestUser } from "../factories/tenants";
import { useTestDatabase } from "../support/database";

let sessionUser: SessionUser | null = null;
vi.mock("@/server/auth/session", () => ({ getSessionUser: async () => sessionUser }));

/**
 * The self-service portal: an employee sees and answers for their own equipment only. Jane and
 * Omar each hold a laptop; Jane's account was linked by accepting an invitation to her work email,
 * Omar's by hand. Every portal procedure and handler is aimed at Omar's asset as Jane.
 */
let handle: DatabaseHandle;
let staff: TestUser;
let jane: TestUser;
let omar: TestUser;
let admin: TestUser;
let fixtures: Awaited<ReturnType<typeof createAssetFixtures>>;
const laptops = {} as Record<"jane" | "janeSpare" | "janeDamaged" | "omar", { id: string; tag: string }>;

const caller = (user: SessionUser) => createCaller({ user, requestId: "portal-test", ip: "127.0.0.1" });
const BROWSER = "Mozilla/5.0 (Macintosh) PortalTest/1.0";

beforeAll(async () => {
  handle = await useTestDatabase();
  const created = await createTestTenant(handle.db, "Portal tenant");
  const tenant = created.tenant;
  admin = created.admin;
  staff = await createTestUser(handle.db, tenant, "it_staff");
  fixtures = await createAssetFixtures(handle.db, tenant.id);
  const janeEmail = await withPlatform(handle.db, (trx) =>
    trx
      .selectFrom("employees")
      .select("work_email")
      .where("id", "=", fixtures.jane.id)
      .executeTakeFirstOrThrow(),
  );
  const invitation = await asUser(handle.db, admin, (ctx) =>
    inviteUser(ctx, { email: janeEmail.work_email ?? "", role: "employee" }, "http://app.test"),
  );
  const { userId } = await acceptInvitation(handle.db, {
    token: invitation.link.split("/").pop() ?? "",
    name: "Jane Doe",
    password: "jane-password-123",
  });
  jane = {
    id: userId,
    email: janeEmail.work_email ?? "",
    name: "Jane Doe",
    role: "employee",
    tenantId: tenant.id,
    tenantName: tenant.name,
  };
  omar = await createTestUser(handle.db, tenant, "employee");
  await caller(admin).employees.linkUser({ employeeId: fixtures.omar.id, userId: omar.id });

  const holders = {
    jane: fixtures.jane.id,
    janeSpare: fixtures.jane.id,
    janeDamaged: fixtures.jane.id,
    omar: fixtures.omar.id,
  };
  for (const [key, employeeId] of Object.entries(holders)) {
    const asset = await createTestAsset(handle.db, staff, fixtures.categoryId, { name: `Laptop ${key}` });
    await asUser(handle.db, staff, (ctx) =>
      assignAsset(ctx, { assetId: asset.id, employeeId, expectedReturnAt: "2027-06-30" }),
    );
    laptops[key as keyof typeof laptops] = { id: asset.id, tag: asset.tag };
  }
});
afterAll(() => handle.close());

const acceptAs = async (user: SessionUser, body: Record<string, unknown>) => {
  sessionUser = user;
  return acceptReceipt(
    new Request("http://localhost:3000/api/portal/receipts", {
      method: "POST",
      body: JSON.stringify(body),
      headers: {
        "content-type": "application/json",
        "user-agent": BROWSER,
        [PEER_ADDRESS_HEADER]: "203.0.113.7",
      },
    }),
  );
};

const downloadAs = async (user: SessionUser, assetId: string) => {
  sessionUser = user;
  return downloadReceipt(new Request(`http://localhost:3000/api/portal/receipts/${assetId}`), {
    params: Promise.resolve({ assetId }),
  });
};

async function refusal(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
  return "OK";
}

const assetRow = (assetId: string) =>
  withPlatform(handle.db, (trx) =>
    trx
      .selectFrom("assets")
      .innerJoin("statuses", "statuses.id", "assets.status_id")
      .select(["assets.employee_id", "statuses.kind", "assets.version"])
      .where("assets.id", "=", assetId)
      .executeTakeFirstOrThrow(),
  );

const eventsOf = (assetId: string, name: string) =>
  withPlatform(handle.db, (trx) =>
    trx
      .selectFrom("events")
      .select(["data", "actor_id"])
      .where("entity_id", "=", assetId)
      .where("name", "=", name)
      .execute(),
  );

describe("portal linking", () => {
  it("links an account invited with the employee role to the employee with that work email", async () => {
    const mine = await caller(jane).portal.myEquipment();
    expect(mine.employee?.id).toBe(fixtures.jane.id);
  });

  it("shows admins which employee record each account is linked to", async () => {
    const users = await caller(admin).accounts.users();
    expect(users.find((user) => user.id === jane.id)?.employee?.id).toBe(fixtures.jane.id);
    expect(users.find((user) => user.id === omar.id)?.employee?.id).toBe(fixtures.omar.id);
    expect(users.find((user) => user.id === admin.id)?.employee).toBeNull();
  });

  it("tells an employee account linked to no record so, with nothing listed", async () => {
    const stranger = await createTestUser(
      handle.db,
      { id: jane.tenantId, name: jane.tenantName },
      "employee",
    );
    expect(await caller(stranger).portal.myEquipment()).toEqual({ employee: null, assets: [] });
    expect(await refusal(caller(stranger).portal.myAsset({ assetId: laptops.jane.id }))).toBe("NOT_FOUND");
  });
});

describe("my equipment", () => {
  it("lists what I hold, since when, with the expected return date and a receipt to answer", async () => {
    const { assets } = await caller(jane).portal.myEquipment();
    expect(assets.map((asset) => asset.id).sort()).toEqual(
      [laptops.jane.id, laptops.janeSpare.id, laptops.janeDamaged.id].sort(),
    );
    const laptop = assets.find((asset) => asset.id === laptops.jane.id);
    expect(laptop).toMatchObject({
      tag: laptops.jane.tag,
      expectedReturnAt: "2027-06-30",
      status: "Assigned",
    });
    expect(laptop?.since).toBeInstanceOf(Date);
    expect(laptop?.canAnswerReceipt).toBe(true);
    const detail = await caller(jane).portal.myAsset({ assetId: laptops.jane.id });
    expect(detail.terms.version).toBe(1);
    expect(detail.terms.body).toMatch(/report loss, theft or damage/);
  });
});

describe("another employee's ids", () => {
  it("finds nothing of Omar's through any portal procedure or handler, and changes nothing", async () => {
    const target = laptops.omar.id;
    const before = await assetRow(target);
    expect(await refusal(caller(jane).portal.myAsset({ assetId: target }))).toBe("NOT_FOUND");
    expect(await refusal(caller(jane).portal.declineReceipt({ assetId: target, reason: "Not mine" }))).toBe(
      "NOT_FOUND",
    );
    expect(
      await refusal(
        caller(jane).portal.reportProblem({ assetId: target, kind: "stolen", description: "Gone" }),
      ),
    ).toBe("NOT_FOUND");
    const accepted = await acceptAs(jane, { assetId: target, signerName: "Jane Doe" });
    expect(accepted.status).toBe(404);
    expect(await accepted.text()).not.toContain(laptops.omar.tag);
    expect((await downloadAs(jane, target)).status).toBe(404);
    expect(JSON.stringify(await caller(jane).portal.myEquipment())).not.toContain(target);
    expect(await assetRow(target)).toEqual(before);
    const receipts = await withPlatform(handle.db, (trx) =>
      trx.selectFrom("asset_receipts").select("id").where("asset_id", "=", target).execute(),
    );
    expect(receipts).toEqual([]);
  });
});

describe("acknowledging receipt", () => {
  it("stores a drawn acceptance with IP, user agent and terms version, and attaches the signed PDF", async () => {
    const signature = `data:image/png;base64,${Buffer.from(await pngBytes(48, "#ffffff")).toString("base64")}`;
    const response = await acceptAs(jane, { assetId: laptops.jane.id, signerName: "Jane Doe", signature });
    expect(response.status).toBe(201);

    const receipt = await withPlatform(handle.db, (trx) =>
      trx
        .selectFrom("asset_receipts")
        .innerJoin("equipment_terms", "equipment_terms.id", "asset_receipts.terms_id")
        .selectAll("asset_receipts")
        .select("equipment_terms.version")
        .where("asset_id", "=", laptops.jane.id)
        .executeTakeFirstOrThrow(),
    );
    expect(receipt).toMatchObject({
      status: "accepted",
      employee_id: fixtures.jane.id,
      user_id: jane.id,
      signer_name: "Jane Doe",
      signature_method: "drawn",
      ip_address: "203.0.113.7",
      user_agent: BROWSER,
      version: 1,
    });
    const files = await withPlatform(handle.db, (trx) =>
      trx
        .selectFrom("files")
        .select(["id", "owner_type", "owner_id", "purpose", "status", "content_type"])
        .where("id", "in", [receipt.asset_file_id ?? "", receipt.employee_file_id ?? ""])
        .execute(),
    );
    expect(files.map((file) => [file.owner_type, file.owner_id, file.purpose, file.status]).sort()).toEqual([
      ["asset", laptops.jane.id, "receipt", "attached"],
      ["employee", fixtures.jane.id, "receipt", "attached"],
    ]);
    const onAsset = await caller(staff).files.list({ owner: { type: "asset", id: laptops.jane.id } });
    expect(onAsset.map((file) => file.id)).toContain(receipt.asset_file_id);

    const pdf = await downloadAs(jane, laptops.jane.id);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");

    const [event] = await eventsOf(laptops.jane.id, "asset.receipt_accepted");
    expect(event).toMatchObject({ actor_id: jane.id, data: { signatureMethod: "drawn", termsVersion: 1 } });
    expect(await caller(staff).portal.receiptOf({ assetId: laptops.jane.id })).toMatchObject({
      state: "accepted",
      receipt: { signerName: "Jane Doe", ipAddress: "203.0.113.7", fileId: receipt.asset_file_id },
    });
    const again = await acceptAs(jane, { assetId: laptops.jane.id, signerName: "Jane Doe" });
    expect(again.status).toBe(409);
  });

  it("shows IT staff a pending receipt, then a decline with its reason and an event", async () => {
    expect(await caller(staff).portal.receiptOf({ assetId: laptops.janeSpare.id })).toMatchObject({
      state: "pending",
      receipt: null,
    });
    expect(
      await refusal(caller(jane).portal.declineReceipt({ assetId: laptops.janeSpare.id, reason: " " })),
    ).toBe("BAD_REQUEST");
    await caller(jane).portal.declineReceipt({
      assetId: laptops.janeSpare.id,
      reason: "I already have a laptop",
    });
    expect(await caller(staff).portal.receiptOf({ assetId: laptops.janeSpare.id })).toMatchObject({
      state: "declined",
      receipt: { declineReason: "I already have a laptop" },
    });
    const [event] = await eventsOf(laptops.janeSpare.id, "asset.receipt_declined");
    expect(event?.data).toMatchObject({ employeeId: fixtures.jane.id, reason: "I already have a laptop" });
  });

  it("refuses a typed acceptance with no name, saying what is missing", async () => {
    const response = await acceptAs(jane, { assetId: laptops.janeDamaged.id, signerName: "" });
    expect(response.status).toBe(400);
  });
});

describe("reporting a problem", () => {
  it("marks a lost laptop lost through the status change IT staff make, with my description", async () => {
    const answer = await caller(jane).portal.reportProblem({
      assetId: laptops.janeSpare.id,
      kind: "lost",
      description: "Left it on the train",
    });
    expect(answer.status).toBe("Lost");
    expect(await assetRow(laptops.janeSpare.id)).toMatchObject({ kind: "lost", employee_id: null });
    const [event] = await eventsOf(laptops.janeSpare.id, "asset.status_changed");
    expect(event?.data).toMatchObject({
      kind: "lost",
      notes: expect.stringContaining("Left it on the train"),
    });
    const { assets } = await caller(jane).portal.myEquipment();
    expect(assets.map((asset) => asset.id)).not.toContain(laptops.janeSpare.id);
  });

  it("sends a damaged laptop to repair", async () => {
    const answer = await caller(jane).portal.reportProblem({
      assetId: laptops.janeDamaged.id,
      kind: "damaged",
      description: "Screen cracked",
    });
    expect(answer.status).toBe("In repair");
    expect(await assetRow(laptops.janeDamaged.id)).toMatchObject({ kind: "in_repair", employee_id: null });
  });
});
