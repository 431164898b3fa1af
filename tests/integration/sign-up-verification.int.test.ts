import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sendSignUpVerificationFunction } from "@/inngest/functions/accounts/send-sign-up-verification";
import { createTenantFunction } from "@/inngest/functions/tenant-function";
import { authenticate } from "@/server/accounts/services/authenticate";
import { completeSignUp, findPendingSignUp } from "@/server/accounts/services/complete-sign-up";
import { SIGN_UP_ANSWER_MS, signUp, signUpLinks } from "@/server/accounts/services/sign-up";
import { PLATFORM_TENANT_ID } from "@/server/context";
import { withPlatform } from "@/server/db";
import { AppError } from "@/server/errors";
import { createTestTenant, uniqueEmail } from "@/tests/factories/tenants";
import { mailEngine } from "@/tests/support/mail-engine";
import { waitFor } from "@/tests/support/wait-for";

const engine = mailEngine((client, transport) => [
  createTenantFunction(client, sendSignUpVerificationFunction(transport)),
]);

let nextAddress = 1;
const freshIp = () => `10.99.${Math.floor(nextAddress / 250)}.${nextAddress++ % 250}`;
const input = (email: string, organization = "Vandelay Industries") => ({
  organization,
  name: "Art Vandelay",
  email,
  password: "importer-exporter-1",
});
const tokenIn = (text: string | undefined) =>
  /\/verify-email\/([A-Za-z0-9_-]{20,})/.exec(text ?? "")?.[1] ?? "";
const refusalOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error instanceof AppError ? error.code : error),
  );
const tenantOf = (email: string) =>
  withPlatform(engine.db, (trx) =>
    trx
      .selectFrom("users")
      .innerJoin("tenants", "tenants.id", "users.tenant_id")
      .select(["tenants.id", "tenants.name", "tenants.currency"])
      .where("users.email", "=", email)
      .executeTakeFirst(),
  );

async function signUpAndReadLink(email: string, locale: string | null = null): Promise<string> {
  const before = engine.mailsTo(email).length;
  await signUp(engine.db, input(email), freshIp(), locale);
  engine.harness.wake();
  const mail = await waitFor("the confirmation email", async () => engine.mailsTo(email)[before]);
  return tokenIn(mail.text);
}

describe("sign-up confirms the email before creating anything", () => {
  it("mails a single-use link (stored hashed) that creates the organization with the chosen password", async () => {
    const email = uniqueEmail("founder");
    const token = await signUpAndReadLink(email, "fr-FR");
    expect(token).not.toBe("");
    expect(await tenantOf(email)).toBeUndefined();

    const [mail] = engine.mailsTo(email);
    expect(mail?.subject).toBe("Confirm your email to create Vandelay Industries");
    expect(mail?.html).toContain(`href="http://localhost:3000/verify-email/${token}"`);
    const pending = await withPlatform(engine.db, (trx) =>
      trx.selectFrom("pending_sign_ups").selectAll().where("email", "=", email).executeTakeFirstOrThrow(),
    );
    expect(pending.token_hash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(pending.password_hash).not.toContain("importer-exporter-1");
    const events = await withPlatform(engine.db, (trx) =>
      trx
        .selectFrom("events")
        .select(["name", "data"])
        .where("tenant_id", "=", PLATFORM_TENANT_ID)
        .where("entity_id", "=", pending.id)
        .execute(),
    );
    expect(events.map((event) => event.name)).toEqual(["user.sign_up_requested"]);
    expect(JSON.stringify(events)).not.toContain(token);
    const [run] = await engine.harness.runsFor("send-sign-up-verification");
    expect(JSON.stringify(await engine.harness.stepsOf(run?.id ?? ""))).not.toContain(token);

    expect(await findPendingSignUp(engine.db, token)).toEqual({
      status: "open",
      email,
      organization: "Vandelay Industries",
    });
    const founder = await completeSignUp(engine.db, token);
    expect(founder).toMatchObject({
      email,
      role: "admin",
      tenantName: "Vandelay Industries",
      sessionVersion: 0,
    });
    expect(await tenantOf(email)).toMatchObject({ name: "Vandelay Industries", currency: "EUR" });
    const signedIn = await authenticate(engine.db, { email, password: "importer-exporter-1", ip: freshIp() });
    expect(signedIn.id).toBe(founder.id);

    expect(await findPendingSignUp(engine.db, token)).toEqual({ status: "used" });
    expect(await refusalOf(completeSignUp(engine.db, token))).toBe("CONFLICT");
  });

  it("answers an existing email as a new one, in the same time, and mails no link for it", async () => {
    const { admin } = await createTestTenant(engine.db);
    const fresh = uniqueEmail("fresh");
    const timed = async (email: string) => {
      const started = performance.now();
      const answer = await signUp(engine.db, input(email), freshIp());
      return { answer, ms: performance.now() - started };
    };
    const existing = await timed(admin.email.toUpperCase());
    const created = await timed(fresh);
    expect(existing.answer).toEqual({ email: admin.email });
    expect(created.answer).toEqual({ email: fresh });
    for (const { ms } of [existing, created]) expect(ms).toBeGreaterThanOrEqual(SIGN_UP_ANSWER_MS - 5);
    expect(Math.abs(existing.ms - created.ms)).toBeLessThan(SIGN_UP_ANSWER_MS / 2);

    engine.harness.wake();
    await waitFor("the new address's email", async () => engine.mailsTo(fresh)[0]);
    expect(engine.mailsTo(admin.email)).toEqual([]);
    const pendingForExisting = await withPlatform(engine.db, (trx) =>
      trx.selectFrom("pending_sign_ups").select("id").where("email", "=", admin.email).execute(),
    );
    expect(pendingForExisting).toEqual([]);
    const told = await withPlatform(engine.db, (trx) =>
      trx
        .selectFrom("events")
        .select("name")
        .where("entity_id", "=", admin.id)
        .where("name", "=", "user.sign_up_attempted_existing")
        .execute(),
    );
    expect(told).toHaveLength(1);
  });

  it("a newer sign-up closes the older link; an expired link creates nothing", async () => {
    const email = uniqueEmail("twice");
    const first = await signUpAndReadLink(email);
    const second = await signUpAndReadLink(email);
    expect((await findPendingSignUp(engine.db, first)).status).toBe("expired");
    expect(await refusalOf(completeSignUp(engine.db, first))).toBe("PRECONDITION_FAILED");

    await withPlatform(engine.db, (trx) =>
      trx
        .updateTable("pending_sign_ups")
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where("email", "=", email)
        .execute(),
    );
    expect(await refusalOf(completeSignUp(engine.db, second))).toBe("PRECONDITION_FAILED");
    expect(await tenantOf(email)).toBeUndefined();
  });

  it("sends an address a few links an hour, then answers the same and sends nothing", async () => {
    const email = uniqueEmail("spammed");
    for (let i = 0; i < signUpLinks.perEmailPerHour + 2; i++) {
      await expect(signUp(engine.db, input(email), freshIp())).resolves.toEqual({ email });
    }
    const pending = await withPlatform(engine.db, (trx) =>
      trx.selectFrom("pending_sign_ups").select("id").where("email", "=", email).execute(),
    );
    expect(pending).toHaveLength(signUpLinks.perEmailPerHour);
  });
});
