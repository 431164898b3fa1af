import type { PulledPage, PulledRecord, PullRequest } from "./adapter";
import { callProvider, type ProviderCall, type ProviderResponse, sameOriginLink } from "./http";
import { isObject } from "./record";

/**
 * One page from a provider that links to its next page (Okta's `Link: rel="next"` header,
 * Rippling's `next_link`): that URL is our cursor, followed verbatim, but only on the provider's
 * own origin (sameOriginLink), so a tampered cursor or a hostile response cannot send the
 * credentials elsewhere. Items that are not objects become failed records, not a failed page.
 */
export async function pullLinkedPage(
  request: PullRequest,
  provider: {
    label: string;
    /** The provider's API root, which every followed link must share an origin with. */
    root: URL;
    /** The first page's URL, when there is no cursor yet. */
    firstPage: () => URL;
    call: (url: URL) => ProviderCall;
    /** The page's items and its next link (absent on the last page); throws on a malformed body. */
    read: (response: ProviderResponse) => { items: unknown[]; next: string | null | undefined };
    /** What one item is, for the failed record: "user", "worker". */
    item: string;
    toPerson: (item: Record<string, unknown>) => PulledRecord;
  },
): Promise<PulledPage> {
  const { label, root } = provider;
  const url = request.cursor ? sameOriginLink(request.cursor, root, label) : provider.firstPage();
  const response = await callProvider(request, provider.call(url));
  const { items, next } = provider.read(response);
  return {
    records: items.map((item) =>
      isObject(item)
        ? provider.toPerson(item)
        : {
            ok: false as const,
            externalId: null,
            reason: `${label} sent a ${provider.item} that is not an object.`,
          },
    ),
    next: next ? sameOriginLink(next, root, label).toString() : null,
    total: null,
  };
}
