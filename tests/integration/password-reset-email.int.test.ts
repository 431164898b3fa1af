import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sendPasswordResetLinkFunction } from "@/inngest/functions/accounts/send-password-reset-link";
import { createTenantFunction } from "@/inngest/functions/tenant-function";
import { localOutboxOpen, sendAccountEmail } from "@/server/accounts/mail";
import { findSessionUser, latestOutboxEmail } from "@/server/accounts/queries";
import { EMAILED_RESET_MINUTES } from "@/server/accounts/reset-link-validity";
import { createPasswordReset } from "@/server/accounts/services/create-password-reset";
import {
  RESET_ANSWER_MS,
  requestPasswordReset,
  resetRequestLimits,
} from "@/server/accounts/services/request-password-reset";
import { findPasswordReset, resetPassword } from "@/server/accounts/services/reset-password";
import { deactivateUser } from "@/server/accounts/services/set-user-active";
import { withPlatform } from "@/server/db";
import { AppError } from "@/server/errors";
import type { MailTransport } from "@/server/notifications/mailer";
import {
  asUser,
  createTestTenant,
  createTestUser,
  type TestUser,
  uniqueEmail,
} from "@/tests/factories/tenants";
import { mailEngine } from "@/tests/support/mail-engine";
import { waitFor } from "@/tests/support/wait-for";

const engine = mailEngine((client, transport) => [
  createTenantFunction(client, sendPasswordResetLinkFunction(transport)),
]);

let nextAddress = 1;
const freshIp = () => `10.88.${Math.floor(nextAddress / 250)}.${nextAddress++ % 250}`;
const tokenIn = (text: string | undefined) => /\/reset-password\/([A-Za-z0-9_-]{20,})/.exec(text ?? "")?.[1];

/** Asks for a reset as the person would and waits for the email: the token its link carries. */
async function requestAndReadLink(user: TestUser): Promise<string> {
  const before = engine.mailsTo(user.email).length;
  await requestPasswordReset(engine.db, { email: user.email }, freshIp());
  engine.harness.wake();
  const mail = await waitFor("the reset email", async () => engine.mailsTo(user.email)[before]);
  const token = tokenIn(mail.text);
  if (!token) throw new Error(`no reset link in: ${mail.text}`);
  return token;
}

const resetsOf = (user: TestUser) =>
  withPlatform(engine.db, (trx) =>
    trx
      .selectFrom("password_resets")
      .selectAll()
      .where("user_id", "=", user.id)
      .orderBy("created_at")
      .execute(),
  );
const sessionVersionOf = async (user: TestUser) =>
  (
    await withPlatform(engine.db, (trx) =>
      trx.selectFrom("users").select("session_version").where("id", "=", user.id).executeTakeFirstOrThrow(),
    )
  ).session_version;
const eventsAbout = (user: TestUser) =>
  withPlatform(engine.db, (trx) =>
    trx
      .selectFrom("events")
      .select(["name", "data"])
      .where("tenant_id", "=", user.tenantId)
      .where("entity_id", "=", user.id)
      .orderBy("seq")
      .execute(),
  );
const refusalOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error instanceof AppError ? error.code : error),
  );

describe("Forgot password? emails the person a link", () => {
  it("mails a single-use link whose token is stored only hashed, then sets the password and ends every session", async () => {
    const { tenant } = await createTestTenant(engine.db);
    const member = await createTestUser(engine.db, tenant, "it_staff", { name: "Riley Reset" });
    const versionBefore = await sessionVersionOf(member);

    const token = await requestAndReadLink(member);
    const [mail] = engine.mailsTo(member.email);
    expect(mail?.subject).toBe("Choose a new Assetronics password");
    expect(mail?.text).toContain("Hello Riley Reset,");
    expect(mail?.html).toContain(tenant.name);
    expect(mail?.html).toContain(`href="http://localhost:3000/reset-password/${token}"`);

    // Stored as its SHA-256 only, for 30-60 minutes; the token is in no event and no step output.
    const [reset] = await resetsOf(member);
    expect(reset?.token_hash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(reset)).not.toContain(token);
    const minutes = Math.round(
      ((reset?.expires_at.getTime() ?? 0) - (reset?.created_at.getTime() ?? 0)) / 60_000,
    );
    expect(minutes).toBeGreaterThanOrEqual(30);
    expect(minutes).toBeLessThanOrEqual(60);
    expect(minutes).toBe(EMAILED_RESET_MINUTES);
    expect(JSON.stringify(await eventsAbout(member))).not.toContain(token);
    const [run] = await engine.harness.runsFor("send-password-reset-link");
    expect(JSON.stringify(await engine.harness.stepsOf(run?.id ?? ""))).not.toContain(token);

    expect(await findPasswordReset(engine.db, token)).toEqual({ status: "open", email: member.email });
    await expect(resetPassword(engine.db, { token, password: "a-fresh-long-password" })).resolves.toEqual({
      email: member.email,
    });
    // Every session from before ends; the link is used up.
    expect(await sessionVersionOf(member)).toBe(versionBefore + 1);
    expect(await withPlatform(engine.db, (trx) => findSessionUser(trx, member.id, versionBefore))).toBeNull();
    expect(await findPasswordReset(engine.db, token)).toEqual({ status: "used" });
    expect(await refusalOf(resetPassword(engine.db, { token, password: "yet-another-password" }))).toBe(
      "CONFLICT",
    );

    const names = (await eventsAbout(member)).map((event) => event.name);
    expect(names).toEqual([
      "user.password_reset_requested",
      "user.password_reset_link_created",
      "user.password_reset",
    ]);
  });

  it("a new request closes the earlier link; an expired link is refused", async () => {
    const { tenant } = await createTestTenant(engine.db);
    const member = await createTestUser(engine.db, tenant, "employee");
    const first = await requestAndReadLink(member);
    const second = await requestAndReadLink(member);
    expect(second).not.toBe(first);
    expect((await findPasswordReset(engine.db, first)).status).toBe("expired");
    expect(
      await refusalOf(resetPassword(engine.db, { token: first, password: "a-fresh-long-password" })),
    ).toBe("PRECONDITION_FAILED");

    await withPlatform(engine.db, (trx) =>
      trx
        .updateTable("password_resets")
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where("user_id", "=", member.id)
        .execute(),
    );
    expect((await findPasswordReset(engine.db, second)).status).toBe("expired");
    expect(
      await refusalOf(resetPassword(engine.db, { token: second, password: "a-fresh-long-password" })),
    ).toBe("PRECONDITION_FAILED");
  });

  it("answers unknown, deactivated and known emails alike, in the same time, and mails only the member", async () => {
    const { tenant, admin } = await createTestTenant(engine.db);
    const member = await createTestUser(engine.db, tenant, "it_staff");
    const leaver = await createTestUser(engine.db, tenant, "auditor");
    await asUser(engine.db, admin, (scope) => deactivateUser(scope, { userId: leaver.id }));
    const stranger = uniqueEmail("nobody");

    const timed = async (email: string) => {
      const started = performance.now();
      const answer = await requestPasswordReset(engine.db, { email }, freshIp());
      return { answer, ms: performance.now() - started };
    };
    const answers = [await timed(stranger), await timed(leaver.email), await timed(member.email)];
    for (const { answer, ms } of answers) {
      expect(answer).toBeUndefined();
      expect(ms).toBeGreaterThanOrEqual(RESET_ANSWER_MS - 5);
    }
    const spread = Math.max(...answers.map((a) => a.ms)) - Math.min(...answers.map((a) => a.ms));
    expect(spread).toBeLessThan(RESET_ANSWER_MS / 2);

    engine.harness.wake();
    await waitFor("the member's email", async () => engine.mailsTo(member.email)[0]);
    expect(engine.mailsTo(leaver.email)).toEqual([]);
    expect(engine.mailsTo(stranger)).toEqual([]);
    expect((await eventsAbout(leaver)).map((event) => event.name)).not.toContain(
      "user.password_reset_requested",
    );
  });

  it("limits requests per email silently and per address out loud", async () => {
    const { tenant } = await createTestTenant(engine.db);
    const member = await createTestUser(engine.db, tenant, "employee");
    for (let i = 0; i < resetRequestLimits.perEmail + 2; i++) {
      await expect(
        requestPasswordReset(engine.db, { email: member.email }, freshIp()),
      ).resolves.toBeUndefined();
    }
    const requested = (await eventsAbout(member)).filter((e) => e.name === "user.password_reset_requested");
    expect(requested).toHaveLength(resetRequestLimits.perEmail);

    const ip = freshIp();
    for (let i = 0; i < resetRequestLimits.perAddress; i++) {
      await requestPasswordReset(engine.db, { email: uniqueEmail("probe") }, ip);
    }
    expect(await refusalOf(requestPasswordReset(engine.db, { email: uniqueEmail("probe") }, ip))).toBe(
      "RATE_LIMITED",
    );
  });

  it("an admin's handed-over link still works, and replaces an emailed one", async () => {
    const { tenant, admin } = await createTestTenant(engine.db);
    const member = await createTestUser(engine.db, tenant, "it_staff");
    const emailed = await requestAndReadLink(member);
    const created = await asUser(engine.db, admin, (scope) =>
      createPasswordReset(scope, { userId: member.id }, "http://localhost:3000"),
    );
    expect((await findPasswordReset(engine.db, emailed)).status).toBe("expired");
    const token = created.link.split("/reset-password/")[1] ?? "";
    await expect(resetPassword(engine.db, { token, password: "handed-over-password" })).resolves.toEqual({
      email: member.email,
    });
  });
});

describe("the local outbox", () => {
  const preview: MailTransport = { kind: "preview", from: "Assetronics <it@example.test>" };

  it("exists only with no mail provider and the app on loopback", () => {
    expect(localOutboxOpen({ transport: preview, host: "127.0.0.1" })).toBe(true);
    expect(localOutboxOpen({ transport: preview, host: "localhost" })).toBe(true);
    expect(localOutboxOpen({ transport: preview, host: "0.0.0.0" })).toBe(false);
    expect(localOutboxOpen({ transport: preview, host: "10.0.0.5" })).toBe(false);
    expect(localOutboxOpen({ transport: engine.transport(), host: "127.0.0.1" })).toBe(false);
  });

  it("keeps account mail for its address when no provider is configured, and sends nothing", async () => {
    const to = uniqueEmail("outbox");
    const sentBefore = engine.fake.sent.length;
    const { createElement } = await import("react");
    const { PasswordResetLinkEmail } = await import("@/emails/password-reset-link");
    const outcome = await sendAccountEmail(engine.db, preview, {
      key: "password-reset/outbox-test",
      to,
      type: "password_reset_link",
      subject: "Choose a new Assetronics password",
      element: createElement(PasswordResetLinkEmail, PasswordResetLinkEmail.PreviewProps),
    });
    expect(outcome.kind).toBe("sent");
    expect(engine.fake.sent.length).toBe(sentBefore);
    const kept = await withPlatform(engine.db, (trx) => latestOutboxEmail(trx, to.toUpperCase()));
    expect(kept).toMatchObject({ to_address: to, subject: "Choose a new Assetronics password" });
    expect(kept?.html).toContain("/reset-password/preview-token");
    expect(kept?.text).toContain("Choose a new password");
  });
});
