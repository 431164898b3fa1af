import type { Inngest, InngestFunction } from "inngest";
import { afterAll, beforeAll } from "vitest";
import { type Db, useDatabase } from "@/server/db";
import { type MailTransport, resendTransport } from "@/server/notifications/mailer";
import { type FakeResend, type SentEmail, startFakeResend } from "@/tests/fakes/resend/fake-resend";
import { type EngineHarness, startEngineHarness } from "./engine-harness";

export type MailEngine = {
  fake: FakeResend;
  harness: EngineHarness;
  /** The harness database, also made the app's (useDatabase) for the services under test. */
  db: Db;
  /** Resend-shaped mail to the fake, as the functions get it. */
  transport: () => MailTransport;
  /** Every email the fake accepted for `email`, oldest first. */
  mailsTo: (email: string) => SentEmail[];
};

/**
 * For a test file of functions that send email: a fake Resend and an engine harness running
 * `defineFunctions` with a transport to it, started before the file's tests and closed after them.
 * The fields are set once beforeAll has run.
 */
export function mailEngine(
  defineFunctions: (client: Inngest, transport: () => MailTransport) => InngestFunction.Any[],
): MailEngine {
  const engine = {
    transport: () =>
      resendTransport({
        apiKey: engine.fake.apiKey,
        baseUrl: engine.fake.baseUrl,
        from: "Assetronics <it@example.test>",
      }),
    mailsTo: (email: string) => engine.fake.sent.filter((mail) => mail.to.includes(email)),
  } as MailEngine;
  beforeAll(async () => {
    engine.fake = await startFakeResend();
    engine.harness = await startEngineHarness((client) => defineFunctions(client, engine.transport), {
      backoffBaseMs: 200,
    });
    engine.db = engine.harness.db;
    useDatabase({ db: engine.db, driver: "postgres", listen: engine.harness.listen, close: async () => {} });
  });
  afterAll(async () => {
    await engine.harness.close();
    await engine.fake.close();
  });
  return engine;
}
