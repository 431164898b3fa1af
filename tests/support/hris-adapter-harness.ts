import { afterEach, expect } from "vitest";
import {
  type HrisAdapter,
  type HrisConnection,
  type HrisPerson,
  IntegrationError,
  type PulledPage,
  type PullRequest,
} from "@/server/integrations/hris/adapter";
import type { FakePerson } from "@/tests/fakes/hris/core";

/**
 * What the HRIS adapter tests share: one fake provider at a time (a new one closes the last; the
 * last is closed after each test), a pull request pointed at it, and a pull of every page.
 * `startFake` supplies the provider's credentials; `connection` the matching settings for a URL.
 */
export function hrisAdapterHarness<Options, Fake extends { close(): Promise<void> }>(setup: {
  adapter: HrisAdapter;
  startFake: (people: FakePerson[], options: Partial<Options>) => Promise<Fake>;
  connection: (url: string) => Pick<HrisConnection, "credentials" | "options">;
  /** Anything else to forget after each test (a module-level cache). */
  afterEach?: () => void;
}) {
  let fake: Fake | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
    setup.afterEach?.();
  });

  async function start(people: FakePerson[], options: Partial<Options> = {}): Promise<Fake> {
    await fake?.close();
    fake = await setup.startFake(people, options);
    return fake;
  }

  const request = (url: string, overrides: Partial<PullRequest> = {}): PullRequest => ({
    ...setup.connection(url),
    fetch: globalThis.fetch,
    since: null,
    cursor: null,
    ...overrides,
  });

  /** Every page from `base.cursor` on, and the people read from them. */
  async function pullAll(base: PullRequest): Promise<{ pages: PulledPage[]; people: HrisPerson[] }> {
    const pages: PulledPage[] = [];
    let cursor: string | null = base.cursor;
    do {
      const page = await setup.adapter.pullPage({ ...base, cursor });
      pages.push(page);
      cursor = page.next;
    } while (cursor);
    return { pages, people: pages.flatMap((p) => p.records.flatMap((r) => (r.ok ? [r.person] : []))) };
  }

  return { start, request, pullAll };
}

/** The IntegrationError `promise` rejects with (failing the test when it resolves or rejects otherwise). */
export async function rejection(promise: Promise<unknown>): Promise<IntegrationError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IntegrationError);
  return error as IntegrationError;
}
